package dev.arena.lobby.domain;

import dev.arena.lobby.config.LobbyConfig;
import dev.arena.lobby.domain.QueueService.LeaveMode;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * A dropped lobby socket keeps its player queued for the grace period, then removes them unless a
 * socket of theirs came back: here (the new socket cancels the timer) or on another lobby (its
 * marker in the player hash differs from the dropped socket's, which {@code leave.lua} checks).
 */
@ApplicationScoped
public class DisconnectGrace {

    private static final Logger LOG = Logger.getLogger(DisconnectGrace.class);

    private final Vertx vertx;
    private final QueueService queue;
    private final LobbyConfig config;
    private final Map<String, Long> timers = new ConcurrentHashMap<>();

    public DisconnectGrace(Vertx vertx, QueueService queue, LobbyConfig config) {
        this.vertx = vertx;
        this.queue = queue;
        this.config = config;
    }

    /** Starts the grace period of a player whose socket {@code sid} dropped. */
    public void start(String playerId, String sid) {
        long timer = vertx.setTimer(config.disconnectGrace().toMillis(), id -> {
            if (timers.remove(playerId, id)) {
                queue.leave(playerId, LeaveMode.GRACE, sid).subscribe().with(
                        outcome -> LOG.debugf("grace of %s over: %s", playerId, outcome),
                        failure -> LOG.warnf("grace removal of %s failed: %s", playerId, failure.getMessage()));
            }
        });
        Long previous = timers.put(playerId, timer);
        if (previous != null) {
            vertx.cancelTimer(previous);
        }
    }

    /** The player has a socket here again: keep them. */
    public void cancel(String playerId) {
        Long timer = timers.remove(playerId);
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
    }
}
