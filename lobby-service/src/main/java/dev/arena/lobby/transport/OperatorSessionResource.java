package dev.arena.lobby.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arena.lobby.domain.ClientAddress;
import dev.arena.lobby.domain.OperatorSignIn;
import dev.arena.lobby.domain.OperatorSignIn.Outcome;
import dev.arena.model.api.ApiPaths;
import dev.arena.model.codes.ErrorCode;
import dev.arena.service.error.ApiErrorMappers;
import dev.arena.service.error.ApiException;
import dev.arena.service.error.BoundedWait;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** The operator console's sign-in: {@code POST /lobby/api/operator/session} with the password, an admin token back. */
@Path(ApiPaths.OPERATOR_SESSION)
@Produces(MediaType.APPLICATION_JSON)
@BoundedWait
public class OperatorSessionResource {

    /** The request body. */
    public record SignInRequest(String password) {}

    /** A signed-in operator's admin token and its expiry (epoch seconds, like the JWT's {@code exp}). */
    public record OperatorSession(String token, long expiresAt) {}

    private final OperatorSignIn signIn;
    private final ObjectMapper json;

    public OperatorSessionResource(OperatorSignIn signIn, ObjectMapper json) {
        this.signIn = signIn;
        this.json = json;
    }

    /**
     * 200 with the token; 401 {@code unauthorized} for a wrong password; 429 {@code rate_limited}
     * with Retry-After; 404 {@code not_found} when no password is configured; 400 for a body
     * without a password.
     */
    @POST
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SignInRequest.class)))
    public Uni<Response> signIn(String body,
            @HeaderParam("X-Real-IP") String realIp,
            @HeaderParam("X-Forwarded-For") String forwardedFor,
            @Context HttpServerRequest request) {
        String password = password(body);
        return signIn.signIn(password, ClientAddress.of(realIp, forwardedFor, request)).map(OperatorSessionResource::answer);
    }

    private static Response answer(Outcome outcome) {
        if (outcome instanceof Outcome.SignedIn in) {
            return Response.ok(new OperatorSession(in.token().token(), in.token().expiresAt().getEpochSecond())).build();
        }
        if (outcome instanceof Outcome.Limited limited) {
            long retry = limited.retryAfterSeconds();
            return ApiErrorMappers.rateLimited("too many sign-in attempts from your address; try again in " + retry + " s", retry);
        }
        if (outcome instanceof Outcome.Disabled) {
            throw new ApiException(ErrorCode.NOT_FOUND, "console sign-in is off: no arena.lobby.console.password is configured");
        }
        throw new ApiException(ErrorCode.UNAUTHORIZED, "wrong password");
    }

    private String password(String body) {
        JsonNode node;
        try {
            node = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(ErrorCode.MALFORMED_JSON, "request body is not valid JSON");
        }
        JsonNode password = node == null ? null : node.get("password");
        if (password == null || !password.isTextual() || password.asText().isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "the body must be a JSON object with a \"password\"");
        }
        return password.asText();
    }
}
