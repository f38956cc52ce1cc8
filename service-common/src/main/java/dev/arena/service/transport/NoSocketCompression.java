package dev.arena.service.transport;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Refuses the WebSocket compression extensions (permessage-deflate and the older per-frame
 * deflate) on every socket. The frame and message size limits apply to the bytes on the wire, so
 * with compression a client could send frames far below them that inflate to megabytes each; our
 * frames are small and the binary protocol is compact, so compression would buy little anyway.
 * websockets-next switches per-message compression off from its own config
 * ({@code quarkus.websockets-next.server.per-message-compression-supported=false}); per-frame
 * compression has no Quarkus setting, hence this customizer.
 */
@ApplicationScoped
public class NoSocketCompression implements HttpServerOptionsCustomizer {

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        refuseCompression(options);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        refuseCompression(options);
    }

    private static void refuseCompression(HttpServerOptions options) {
        options.setPerMessageWebSocketCompressionSupported(false);
        options.setPerFrameWebSocketCompressionSupported(false);
    }
}
