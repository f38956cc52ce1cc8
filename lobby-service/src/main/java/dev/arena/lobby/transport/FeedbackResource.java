package dev.arena.lobby.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arena.lobby.domain.ClientAddress;
import dev.arena.lobby.domain.FeedbackService;
import dev.arena.lobby.domain.FeedbackSubmission;
import dev.arena.model.api.ApiPaths;
import dev.arena.model.codes.ErrorCode;
import dev.arena.service.error.ApiErrorMappers;
import dev.arena.service.error.ApiException;
import dev.arena.service.error.BoundedWait;
import dev.arena.service.health.Store;
import dev.arena.service.security.BearerToken;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** The feedback page's endpoint: {@code POST /lobby/api/feedback}, open to anyone, limited per client IP. */
@Path(ApiPaths.FEEDBACK)
@Produces(MediaType.APPLICATION_JSON)
@BoundedWait(stores = {Store.REDIS, Store.POSTGRESQL})
public class FeedbackResource {

    /** The request body as documented (validation is strict, see {@link FeedbackSubmission}). */
    public record FeedbackRequest(int rating, String message, String contact) {}

    /** The answer to a stored post. */
    public record FeedbackAccepted(long id) {}


    private final FeedbackService feedback;
    private final ObjectMapper json;

    public FeedbackResource(FeedbackService feedback, ObjectMapper json) {
        this.feedback = feedback;
        this.json = json;
    }

    /** 201 with the row id; 400 {@code validation_failed}/{@code malformed_json}; 429 {@code rate_limited} with Retry-After. */
    @POST
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FeedbackRequest.class)))
    public Uni<Response> submit(String body,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam("X-Real-IP") String realIp,
            @HeaderParam("X-Forwarded-For") String forwardedFor,
            @Context HttpServerRequest request) {
        FeedbackSubmission post = FeedbackSubmission.from(parse(body));
        String client = ClientAddress.of(realIp, forwardedFor, request);
        return feedback.submit(post, BearerToken.of(authorization), client).map(outcome -> {
            if (outcome instanceof FeedbackService.Outcome.Stored stored) {
                return Response.status(Response.Status.CREATED).entity(new FeedbackAccepted(stored.id())).build();
            }
            long retry = ((FeedbackService.Outcome.Limited) outcome).retryAfterSeconds();
            return ApiErrorMappers.rateLimited("too much feedback from your address; try again in " + retry + " s", retry);
        });
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "the body must be a JSON object");
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(ErrorCode.MALFORMED_JSON, "request body is not valid JSON");
        }
    }
}
