package dev.arena.service.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.arena.model.api.ApiError;
import dev.arena.model.codec.ProtocolException;
import dev.arena.model.codes.ErrorCode;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure of a REST call into {@link ApiError} JSON, so clients always get a code and
 * a message and never a stack trace. Authentication errors are mapped here too, which is why the
 * services run with lazy (non-proactive) authentication.
 */
public class ApiErrorMappers {

    private static final Logger LOG = Logger.getLogger(ApiErrorMappers.class);

    /** What a 503 suggests: about the time the Redis client needs to reconnect. */
    static final int RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        return error(e.code(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response protocol(ProtocolException e) {
        return error(e.code(), e.getMessage());
    }

    /**
     * A store that cannot be reached is a 503 the client may retry; each change is one atomic
     * step (a Lua script or a transaction), so nothing is half-written. The Redis client fails
     * with {@link ConnectException} subclasses (Netty's for a refused connect, Vert.x Redis' for a
     * failed handshake); code that waits on a store translates other connection failures into
     * {@link StoreUnavailableException}.
     */
    @ServerExceptionMapper({StoreUnavailableException.class, ConnectException.class, ConnectionPoolTooBusyException.class})
    public Response unavailable(Exception e) {
        LOG.warnf("store unavailable: %s", e.getMessage());
        return Response.fromResponse(error(ErrorCode.UNAVAILABLE, "temporarily unavailable, try again shortly"))
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .build();
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthorized(RuntimeException e) {
        return Response.fromResponse(error(ErrorCode.UNAUTHORIZED, "a valid bearer token is required"))
                .header("WWW-Authenticate", "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return error(ErrorCode.FORBIDDEN, "this needs the admin role");
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return error(ErrorCode.MALFORMED_JSON, "request body is not valid JSON for this endpoint");
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException) {
            return malformedJson((JsonProcessingException) e.getCause());
        }
        return Response.fromResponse(error(ErrorCode.forStatus(status), reasonOf(status))).status(status).build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        LOG.error("unexpected failure while serving a request", e);
        return error(ErrorCode.INTERNAL, "internal error");
    }

    private static String reasonOf(int status) {
        Response.StatusType type = Response.Status.fromStatusCode(status);
        return type != null ? type.getReasonPhrase().toLowerCase() : "request failed";
    }

    /** A 429 {@code rate_limited} with Retry-After: the caller's own limit, which ends in {@code retryAfterSeconds}. */
    public static Response rateLimited(String message, long retryAfterSeconds) {
        return Response.fromResponse(error(ErrorCode.RATE_LIMITED, message))
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds)
                .build();
    }

    /** Builds the JSON error response for a code; public so resources answer errors the same way. */
    public static Response error(ErrorCode code, String message) {
        return Response.status(code.httpStatus())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of(code, message))
                .build();
    }
}
