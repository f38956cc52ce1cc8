package dev.arena.lobby.transport;

import dev.arena.lobby.config.LobbyConfig;
import dev.arena.lobby.store.QueueStatsStore;
import dev.arena.service.error.BoundedWait;
import dev.arena.service.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** Operator endpoint of the lobby: the queue at a glance (players: {@link AdminPlayersResource}). */
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

    private final QueueStatsStore stats;
    private final LobbyConfig config;
    private final Clock clock = Clock.systemUTC();

    public AdminQueueResource(QueueStatsStore stats, LobbyConfig config) {
        this.stats = stats;
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
}
