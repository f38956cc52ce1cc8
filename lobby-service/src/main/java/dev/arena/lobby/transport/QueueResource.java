package dev.arena.lobby.transport;

import dev.arena.lobby.domain.Placements;
import dev.arena.lobby.domain.PlayerProfiles;
import dev.arena.lobby.domain.QueueService.JoinResult;
import dev.arena.lobby.domain.QueueService.LeaveMode;
import dev.arena.lobby.domain.QueueService;
import dev.arena.lobby.store.LeaveOutcome;
import dev.arena.model.api.ApiPaths;
import dev.arena.model.api.Placement;
import dev.arena.model.api.PlacementConflict;
import dev.arena.model.api.QueueState;
import dev.arena.model.codes.ErrorCode;
import dev.arena.service.error.BoundedWait;
import dev.arena.service.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The queue over HTTP: ask to play, stop waiting, and see where one stands. */
@Path(ApiPaths.QUEUE)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PLAYER)
@BoundedWait
public class QueueResource {

    private final QueueService queue;
    private final PlayerProfiles profiles;
    private final LobbyPushes pushes;
    private final JsonWebToken jwt;

    public QueueResource(QueueService queue, PlayerProfiles profiles, LobbyPushes pushes, JsonWebToken jwt) {
        this.queue = queue;
        this.profiles = profiles;
        this.pushes = pushes;
        this.jwt = jwt;
    }

    /**
     * Joins the queue: 202 with the queue state, or 409 with where the player already is. The
     * socket does not repeat the answer (a frame per join would cost the lobby a send per join on
     * its busiest path); the status round tells the player their place from then on
     * (recorded as told, so the round takes them up).
     */
    @POST
    @APIResponse(responseCode = "202", content = @Content(schema = @Schema(implementation = QueueState.class)))
    @APIResponse(responseCode = "409", content = @Content(schema = @Schema(implementation = PlacementConflict.class)))
    public Uni<Response> join() {
        String playerId = jwt.getSubject();
        return profiles.of(jwt).chain(queue::join).map(result -> {
            if (result instanceof JoinResult.Queued queued) {
                pushes.answered(playerId, queued.state());
                return Response.accepted(queued.state()).build();
            }
            Placement where = ((JoinResult.AlreadyPlaying) result).where();
            return conflict(ErrorCode.ALREADY_PLAYING, Placements.conflictMessage(where), where);
        });
    }

    /**
     * Leaves the queue, or a room that has not started through the matchmaker (it owns the room):
     * 200 with the idle placement; 409 while in a match; 202 with where the player still is when
     * the matchmaker has not confirmed the leave in time (the lobby socket tells the outcome).
     */
    @DELETE
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Placement.class)))
    @APIResponse(responseCode = "202", content = @Content(schema = @Schema(implementation = Placement.class)))
    @APIResponse(responseCode = "409", content = @Content(schema = @Schema(implementation = PlacementConflict.class)))
    public Uni<Response> leave() {
        String playerId = jwt.getSubject();
        return queue.leave(playerId, LeaveMode.PLAYER, null).chain(outcome -> {
            if (outcome instanceof LeaveOutcome.InMatch inMatch) {
                Placement where = Placements.of(inMatch.where());
                return Uni.createFrom().item(conflict(ErrorCode.CONFLICT, Placements.IN_MATCH_MESSAGE, where));
            }
            if (outcome instanceof LeaveOutcome.Leaving) {
                return queue.standing(playerId).map(state -> Response.accepted(state.placement()).build());
            }
            if (outcome instanceof LeaveOutcome.LeftRoom) {
                // The matchmaker's queue.status reached the player's socket, whichever lobby holds it.
                return Uni.createFrom().item(Response.ok(Placement.IDLE).build());
            }
            // The leave took effect: a failing read for the socket's update does not make it an error.
            return queue.standing(playerId).onItem().invoke(state -> pushes.changed(playerId, state))
                    .onFailure().recoverWithNull()
                    .map(ignored -> Response.ok(Placement.IDLE).build());
        });
    }

    /** Where the caller is, with their place in the queue. */
    @GET
    public Uni<QueueState> standing() {
        return queue.standing(jwt.getSubject());
    }

    private static Response conflict(ErrorCode code, String message, Placement where) {
        return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new PlacementConflict(code.wire(), message, where)).build();
    }
}
