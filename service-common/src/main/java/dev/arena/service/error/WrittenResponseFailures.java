package dev.arena.service.error;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Ends the failure handling of a request whose response is already written. websockets-next
 * answers a WebSocket upgrade with a bad token by a 401 and then still fails the route with the
 * authentication error; Quarkus REST's failure handler would write an {@code ApiError} on top,
 * fail with "Response has already been written" and have it logged at ERROR with a stack trace,
 * twice for every refused upgrade. Nothing can be added to a written response, so it stops here.
 */
@ApplicationScoped
public class WrittenResponseFailures {

    private static final Logger LOG = Logger.getLogger(WrittenResponseFailures.class);

    void install(@Observes Router router) {
        // The lowest order: a failed request runs the failure handlers of its routes from the first on.
        router.route().order(Integer.MIN_VALUE).failureHandler(ctx -> {
            if (!ctx.response().headWritten()) {
                ctx.next();
                return;
            }
            LOG.debugf("%s %s failed after its answer (%d) was written: %s", ctx.request().method(), ctx.normalizedPath(),
                    ctx.response().getStatusCode(), ctx.failure());
            if (!ctx.response().ended()) {
                ctx.response().end();
            }
        });
    }
}
