package dev.arena.lobby.transport;

import dev.arena.lobby.domain.QueueService;
import dev.arena.lobby.domain.QueueService.LeaveMode;
import dev.arena.lobby.store.LeaveOutcome;
import dev.arena.lobby.store.PlayerRecord;
import dev.arena.lobby.store.PlayerStore;
import dev.arena.lobby.store.QueueStore;
import dev.arena.model.codes.ErrorCode;
import dev.arena.model.keys.RedisKeys;
import dev.arena.model.protocol.PlayerInfo;
import dev.arena.model.state.PlayerStatus;
import dev.arena.service.error.ApiException;
import dev.arena.service.error.BoundedWait;
import dev.arena.service.health.Store;
import dev.arena.service.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Operator endpoints for players: find one by id or by the start of their name, and reset a stuck one. */
@Path("/admin/players")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@BoundedWait(stores = {Store.REDIS, Store.POSTGRESQL})
public class AdminPlayersResource {

    /** At most this many players are listed for a name (the list is for humans). */
    static final int FIND_LIMIT = 20;

    /** A player as stored, and where they are now ({@code status} idle when Redis holds nothing of them). */
    public record PlayerLine(String id, String name, String status, String roomId, String nodeId, Long queuedAt) {}

    /** The players found for a query, at most {@link #FIND_LIMIT}. */
    public record FoundPlayers(String query, List<PlayerLine> players) {}

    /** The answer to a reset: idle once done, or where the player is while the matchmaker has yet to confirm it. */
    public record PlayerReset(String playerId, String status) {}

    private final PlayerStore players;
    private final QueueStore standings;
    private final QueueService queue;

    public AdminPlayersResource(PlayerStore players, QueueStore standings, QueueService queue) {
        this.players = players;
        this.standings = standings;
        this.queue = queue;
    }

    /** {@code ?q=} a player id, or the start of a name (any case); 400 without one. */
    @GET
    public Uni<FoundPlayers> find(@QueryParam("q") String query) {
        String q = query == null ? "" : query.strip();
        if (q.isEmpty() || q.length() > 64) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "q must be a player id or the start of a name (1 to 64 characters)");
        }
        Uni<List<PlayerInfo>> found = uuid(q).map(id -> players.find(id).map(player -> player.stream().toList()))
                .orElseGet(() -> players.findByNamePrefix(q, FIND_LIMIT));
        return found.chain(list -> list.isEmpty() ? Uni.createFrom().item(List.<PlayerLine>of())
                : Uni.join().all(list.stream().map(this::line).toList()).andFailFast())
                .map(lines -> new FoundPlayers(q, lines));
    }

    /**
     * Takes the player out of the queue, or has the matchmaker take them out of any room (even a
     * started one) and delete their hash: 200 once done, 202 while the matchmaker has not confirmed
     * it yet (with where the player still is), 404 when there is nothing.
     */
    @DELETE
    @Path("/{id}")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PlayerReset.class)))
    @APIResponse(responseCode = "202", content = @Content(schema = @Schema(implementation = PlayerReset.class)))
    public Uni<Response> reset(@PathParam("id") String playerId) {
        if (!RedisKeys.isValidId(playerId)) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no such player");
        }
        return queue.leave(playerId, LeaveMode.ADMIN, null).map(outcome -> {
            if (outcome instanceof LeaveOutcome.Idle) {
                throw new ApiException(ErrorCode.NOT_FOUND, "no such player");
            }
            if (outcome instanceof LeaveOutcome.Leaving leaving) {
                return Response.accepted(new PlayerReset(playerId, leaving.status().wire())).build();
            }
            return Response.ok(new PlayerReset(playerId, PlayerStatus.IDLE.wire())).build();
        });
    }

    private Uni<PlayerLine> line(PlayerInfo player) {
        return standings.standing(player.id()).map(standing -> {
            PlayerRecord where = standing.record();
            return new PlayerLine(player.id(), player.name(), where.status().wire(), where.room(), where.node(), where.joinedAt());
        });
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
