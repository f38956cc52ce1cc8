package dev.arena.lobby.domain;

import io.vertx.core.http.HttpServerRequest;
import java.util.regex.Pattern;

/** The client's IP behind nginx: {@code X-Real-IP}, else the last {@code X-Forwarded-For} hop, else the peer. */
public final class ClientAddress {

    // Only IP literals: anything else (a forged header, a host name) is not used as an address.
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private ClientAddress() {
    }

    /**
     * nginx sets {@code X-Real-IP} to its peer (overwriting what a client sent) and appends that peer
     * to {@code X-Forwarded-For}, so the last hop is the one our edge saw; earlier hops are the
     * client's own claims. Returns null when nothing is a valid IP literal.
     */
    public static String resolve(String realIp, String forwardedFor, String peer) {
        String candidate = literal(realIp);
        if (candidate == null && forwardedFor != null) {
            String[] hops = forwardedFor.split(",");
            candidate = literal(hops[hops.length - 1]);
        }
        return candidate != null ? candidate : literal(peer);
    }

    /** {@link #resolve} with the peer of {@code request} (a REST resource's view of the connection). */
    public static String of(String realIp, String forwardedFor, HttpServerRequest request) {
        return resolve(realIp, forwardedFor, request.remoteAddress() == null ? null : request.remoteAddress().hostAddress());
    }

    /** The trimmed value when it is an IPv4 or IPv6 literal, else null. */
    static String literal(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        var v4 = IPV4.matcher(v);
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) {
                    return null;
                }
            }
            return v;
        }
        return v.indexOf(':') >= 0 && IPV6.matcher(v).matches() ? v.toLowerCase() : null;
    }
}
