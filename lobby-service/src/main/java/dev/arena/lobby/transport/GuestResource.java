package dev.arena.lobby.transport;

import dev.arena.lobby.domain.GuestIdentityService;
import dev.arena.lobby.store.PlayerStore;
import dev.arena.model.api.ApiPaths;
import dev.arena.model.api.GuestRequest;
import dev.arena.model.api.GuestResponse;
import dev.arena.model.codec.MessageCodec;
import dev.arena.model.codes.ErrorCode;
import dev.arena.model.protocol.PlayerInfo;
import dev.arena.service.error.ApiException;
import dev.arena.service.error.BoundedWait;
import dev.arena.service.health.Store;
import dev.arena.service.security.BearerToken;
import dev.arena.service.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** Guest identity over HTTP: get (or keep) a player and its token, and read the own profile. */
@Path(ApiPaths.LOBBY_API)
@Produces(MediaType.APPLICATION_JSON)
@BoundedWait(stores = Store.POSTGRESQL)
public class GuestResource {

    private final GuestIdentityService identities;
    private final PlayerStore players;
    private final JsonWebToken jwt;
    private final MessageCodec codec;

    public GuestResource(GuestIdentityService identities, PlayerStore players, JsonWebToken jwt, MessageCodec codec) {
        this.identities = identities;
        this.players = players;
        this.jwt = jwt;
        this.codec = codec;
    }

    /** Issues a guest token; with a still-valid token in {@code Authorization} it is the same player. */
    @POST
    @Path("/guest")
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GuestRequest.class)))
    public Uni<GuestResponse> guest(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        // Read as text so that a bare `curl -X POST` (no body, no content type) works too.
        GuestRequest request = body == null || body.isBlank() ? null : codec.decode(body, GuestRequest.class);
        Optional<String> token = Optional.ofNullable(BearerToken.of(authorization));
        return identities.identify(token, request);
    }

    /** The caller's own profile, as stored. */
    @GET
    @Path("/me")
    @RolesAllowed(Roles.PLAYER)
    public Uni<PlayerInfo> me() {
        return players.find(UUID.fromString(jwt.getSubject()))
                .map(found -> found.orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no such player")));
    }
}
