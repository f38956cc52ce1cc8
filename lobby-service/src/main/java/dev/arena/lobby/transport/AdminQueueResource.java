package dev.arena.lobby.transport;

import dev.arena.lobby.config.LobbyConfig;
import dev.arena.lobby.domain.QueueService.LeaveMode;
import dev.arena.lobby.domain.QueueService;
import dev.arena.lobby.store.LeaveOutcome;
import dev.arena.lobby.store.QueueStatsStore;
import dev.arena.model.codes.ErrorCode;
import dev.arena.model.keys.RedisKeys;
import dev.arena.model.state.PlayerStatus;
import dev.arena.service.error.ApiException;
import dev.arena.service.error.BoundedWait;
import dev.arena.service.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Operator endpoints of the lobby: the queue at a glance, and resetting a stuck player. */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@BoundedWait
public class AdminQueueResource {

    /**
     * The queue at a glance: its length, how long its oldest player waits, and players per status
     * among the first {@code scanned} player hashes ({@code complete} false when the scan stopped at its limit).
     */
    public record QueueOverview(long length, long oldestWaitMs, Map<String, Long> statuses, long scanned, boolean complete) {}

    /** The answer to a reset: idle once done, or where the player is while the matchmaker has yet to confirm it. */
    public record PlayerReset(String playerId, String status) {}

    private final QueueStatsStore stats;
    private final QueueService queue;
    private final LobbyConfig config;
    private final Clock clock = Clock.systemUTC();

    public AdminQueueResource(QueueStatsStore stats, QueueService queue, LobbyConfig config) {
        this.stats = stats;
        this.queue = queue;
        this.config = config;
    }

    @GET
    @Path("/queue")
    public Uni<QueueOverview> overview() {
        return stats.head().chain(head -> stats.countByStatus(config.adminScanLimit()).map(counts -> {
            Map<String, Long> statuses = new LinkedHashMap<>();
            counts.counts().forEach((status, n) -> statuses.put(status.wire(), n));
            long oldestWait = head.oldestEnqueuedAt() == null ? 0 : Math.max(0, clock.millis() - head.oldestEnqueuedAt());
            return new QueueOverview(head.length(), oldestWait, statuses, counts.visited(), counts.complete());
        }));
    }

    /**
     * Takes the player out of the queue, or has the matchmaker take them out of any room (even a
     * started one) and delete their hash: 200 once done, 202 while the matchmaker has not confirmed
     * it yet (with where the player still is), 404 when there is nothing.
     */
    @DELETE
    @Path("/players/{id}")
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
}
