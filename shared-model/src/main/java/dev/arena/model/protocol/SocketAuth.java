package dev.arena.model.protocol;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How a socket client presents its token: browsers cannot set headers on a WebSocket, and a token
 * in the URL would end up in access logs, so it travels as a second subprotocol (the lobby's
 * websockets-next turns it into an {@code Authorization} header, the game socket reads it with
 * {@link #tokenOf}); the server echoes the other one: {@link #SUBPROTOCOL} on the lobby, the
 * protocol version the client asked for on the game socket ({@link GameProtocol}).
 */
public final class SocketAuth {

    /** The subprotocol the services accept and echo, listed in their {@code supported-subprotocols}. */
    public static final String SUBPROTOCOL = "arena";

    private static final String CARRIER_PREFIX = "quarkus-http-upgrade#Authorization#Bearer ";

    private SocketAuth() {}

    /**
     * The token a client offered in a {@code Sec-WebSocket-Protocol} header's carrier, or null
     * when the header (null: absent) has none or it is not valid URI encoding.
     */
    public static String tokenOf(String offeredSubprotocols) {
        if (offeredSubprotocols == null) {
            return null;
        }
        for (String offered : offeredSubprotocols.split(",")) {
            String decoded;
            try {
                decoded = URLDecoder.decode(offered.strip(), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (decoded.startsWith(CARRIER_PREFIX) && decoded.length() > CARRIER_PREFIX.length()) {
                return decoded.substring(CARRIER_PREFIX.length()).strip();
            }
        }
        return null;
    }

    /** The subprotocols a client offers: {@link #SUBPROTOCOL} and the URI-encoded token carrier. */
    public static List<String> subprotocols(String token) {
        return subprotocols(SUBPROTOCOL, token);
    }

    /** The subprotocols a client offers to speak {@code subprotocol}: it and the URI-encoded token carrier. */
    public static List<String> subprotocols(String subprotocol, String token) {
        return List.of(subprotocol, URLEncoder.encode(CARRIER_PREFIX + Require.present(token, "token"), StandardCharsets.UTF_8));
    }
}
