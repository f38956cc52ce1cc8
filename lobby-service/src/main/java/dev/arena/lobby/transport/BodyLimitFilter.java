package dev.arena.lobby.transport;

import dev.arena.lobby.config.LobbyConfig;
import dev.arena.model.api.ApiError;
import dev.arena.model.api.ApiPaths;
import dev.arena.model.codec.MessageCodec;
import dev.arena.model.codes.ErrorCode;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a body above {@code arena.lobby.max-body-size} (4 KB; the feedback post may use up to
 * {@code quarkus.http.limits.max-body-size}) with a JSON 413. Quarkus checks the declared length
 * itself, but before JAX-RS and with an empty body; this route runs just before that check
 * (order -3 vs -2), so clients get the same {@code ApiError} as for every other error.
 */
@ApplicationScoped
public class BodyLimitFilter {

    private static final int BEFORE_QUARKUS_UPLOAD_LIMIT = -3;

    void install(@Observes Router router, MessageCodec codec,
            LobbyConfig config,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize feedbackLimit) {
        long max = config.maxBodySize().asLongValue();
        long feedbackMax = feedbackLimit.asLongValue();
        String body = codec.encode(ApiError.of(ErrorCode.PAYLOAD_TOO_LARGE, "request body is larger than " + max + " bytes"));
        String feedbackBody = codec.encode(ApiError.of(ErrorCode.PAYLOAD_TOO_LARGE, "request body is larger than " + feedbackMax + " bytes"));
        router.route().order(BEFORE_QUARKUS_UPLOAD_LIMIT).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            // The one endpoint whose bodies may be larger than the others'.
            boolean feedback = ApiPaths.FEEDBACK.equals(ctx.normalizedPath());
            if (length != null && tooLong(length, feedback ? feedbackMax : max)) {
                // The body is not read: close the connection after answering, as Quarkus does.
                ctx.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(feedback ? feedbackBody : body);
            } else {
                ctx.next();
            }
        });
    }

    private static boolean tooLong(String length, long max) {
        try {
            return Long.parseLong(length.trim()) > max;
        } catch (NumberFormatException e) {
            return false; // Vert.x itself rejects a malformed Content-Length.
        }
    }
}
