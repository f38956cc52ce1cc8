package dev.arena.matchmaker.transport;

import dev.arena.matchmaker.domain.MatchmakerMetrics;
import dev.arena.service.metrics.TimerPercentiles;
import dev.arena.service.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Operators' figures of this matchmaker: how long players wait from queue to room, and takeovers. */
@Path("/admin/matchmaking")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AdminMatchmakingResource {

    /**
     * Queue to room (the lobby's enqueue to the placement) over the recent window (about 2 minutes),
     * and the rooms of lost nodes this matchmaker granted to live ones since it started.
     */
    public record MatchmakingStats(TimerPercentiles queueToRoom, long roomsTakenOver) {}

    private final MatchmakerMetrics metrics;

    public AdminMatchmakingResource(MatchmakerMetrics metrics) {
        this.metrics = metrics;
    }

    @GET
    public MatchmakingStats stats() {
        return new MatchmakingStats(metrics.joinToRoom(), metrics.roomsTakenOver());
    }
}
