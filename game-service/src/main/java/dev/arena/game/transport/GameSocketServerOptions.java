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
 * a hard cap on frames. The 1 KB frame limit of docs/protocol.md is checked by {@link GameSocket},
 * which closes with 1009; this cap is above it and only stops a client from making the node buffer
 * a lot (Netty drops a connection above it without a close frame). Messages in fragments never
 * reach Vert.x's aggregator: the Netty aggregator {@link GameSocket} puts ahead of
 * {@link GameFrameHandler} joins them, capped at the 1 KB limit.
 */
@ApplicationScoped
public class GameSocketServerOptions implements HttpServerOptionsCustomizer {

    static final int MAX_FRAME_BYTES = 16 * 1024;

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
    }
}
