package dev.arena.service.error;

import dev.arena.model.api.ApiError;
import dev.arena.model.codes.ErrorCode;
import io.quarkus.security.AuthenticationException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Answers the failures of requests that never reached a REST resource (an invalid Host header, a
 * path that cannot be decoded, a failed socket upgrade) as {@link ApiError} JSON, like the
 * resources' own {@link ApiErrorMappers}, instead of Quarkus' default page with an error id and a
 * stack. Security failures pass on to Quarkus REST, which maps them with {@link ApiErrorMappers}.
 *
 * <p>A request whose response is already written is only ended: websockets-next answers an
 * upgrade with a bad token by a 401 and then still fails the route with the authentication error;
 * nothing can be added to a written response, and trying would log "Response has already been
 * written" at ERROR with a stack trace for every refused upgrade.
 */
@ApplicationScoped
public class RouteFailures {

    private static final Logger LOG = Logger.getLogger(RouteFailures.class);

    void install(@Observes Router router) {
        // The lowest order: a failed request runs the failure handlers of its routes from the first on.
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (ctx.response().headWritten()) {
            LOG.debugf("%s %s failed after its answer (%d) was written: %s", ctx.request().method(), ctx.normalizedPath(),
                    ctx.response().getStatusCode(), failure);
            if (!ctx.response().ended()) {
                ctx.response().end();
            }
            return;
        }
        if (failure instanceof AuthenticationException || failure instanceof UnauthorizedException
                || failure instanceof ForbiddenException) {
            ctx.next();
            return;
        }
        ErrorCode code = codeOf(ctx.statusCode(), failure);
        if (code == ErrorCode.INTERNAL) {
            LOG.error("unexpected failure while serving a request", failure);
        }
        if (code == ErrorCode.UNAVAILABLE) {
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(ApiErrorMappers.RETRY_AFTER_SECONDS));
        }
        ctx.response().setStatusCode(code.httpStatus())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Json.encode(ApiError.of(code, messageOf(code))));
    }

    private static ErrorCode codeOf(int status, Throwable failure) {
        if (failure instanceof HttpException http) {
            status = http.getStatusCode();
        } else if (failure instanceof VertxException && status < 0) {
            // Vert.x refuses what it cannot route (a missing or invalid Host): the request is at fault.
            status = 400;
        }
        return status < 0 ? ErrorCode.INTERNAL : ErrorCode.forStatus(status);
    }

    private static String messageOf(ErrorCode code) {
        return switch (code) {
            case BAD_REQUEST -> "the request is malformed (its Host header, path or encoding)";
            case INTERNAL -> "internal error";
            default -> code.wire().replace('_', ' ');
        };
    }
}
