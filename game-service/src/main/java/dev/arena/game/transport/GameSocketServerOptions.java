package dev.arena.game.transport;

import dev.arena.model.protocol.GameProtocol;
import dev.arena.model.protocol.SocketAuth;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The HTTP server's WebSocket settings for the game socket: the subprotocols it accepts, one per
 * protocol version ({@link GameProtocol}; the client's first offer that is one of them is echoed;
 * the token carrier beside it ({@link SocketAuth}) is read, never echoed), and
 * hard caps on frames and messages. The 1 KB frame limit of docs/protocol.md is checked by
 * {@link GameSocket}, which closes with 1009; these caps are above it and only stop a client from
 * making the node buffer a lot (Netty drops a connection above the frame cap without a close frame).
 */
@ApplicationScoped
public class GameSocketServerOptions implements HttpServerOptionsCustomizer {

    static final int MAX_FRAME_BYTES = 16 * 1024;
    static final int MAX_MESSAGE_BYTES = 16 * 1024;

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        apply(options);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        apply(options);
    }

    private static void apply(HttpServerOptions options) {
        options.setWebSocketSubProtocols(GameProtocol.supported());
        options.setMaxWebSocketFrameSize(MAX_FRAME_BYTES);
        options.setMaxWebSocketMessageSize(MAX_MESSAGE_BYTES);
    }
}
