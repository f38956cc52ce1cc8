package dev.arena.model.protocol;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How a socket client presents its token: browsers cannot set headers on a WebSocket, and a token
 * in the URL would end up in access logs, so it travels as a second subprotocol that Quarkus
 * turns into an {@code Authorization} header; the server echoes the fixed {@link #SUBPROTOCOL}.
 */
public final class SocketAuth {

    /** The subprotocol the services accept and echo, listed in their {@code supported-subprotocols}. */
    public static final String SUBPROTOCOL = "arena";

    private static final String CARRIER_PREFIX = "quarkus-http-upgrade#Authorization#Bearer ";

    private SocketAuth() {}

    /** The subprotocols a client offers: {@link #SUBPROTOCOL} and the URI-encoded token carrier. */
    public static List<String> subprotocols(String token) {
        return List.of(SUBPROTOCOL, URLEncoder.encode(CARRIER_PREFIX + Require.present(token, "token"), StandardCharsets.UTF_8));
    }
}
