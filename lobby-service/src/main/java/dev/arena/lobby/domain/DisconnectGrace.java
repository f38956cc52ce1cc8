package dev.arena.lobby.domain;

import dev.arena.lobby.config.LobbyConfig;
import dev.arena.lobby.domain.QueueService.LeaveMode;
import dev.arena.service.error.StoreUnavailableException;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * A dropped lobby socket keeps its player queued for the grace period, then removes them unless a
 * socket of theirs came back: here (the new socket cancels the timer) or on another lobby (its
 * marker in the player hash differs from the dropped socket's, which {@code leave.lua} checks).
 * Removals run a bounded number at a time and are retried: when thousands of sockets drop at once
 * (a network blip, an edge restart) their graces end together, and firing them all at once would
 * overflow the Redis pool and leave those players queued without a socket.
 */
@ApplicationScoped
public class DisconnectGrace {

    private static final Logger LOG = Logger.getLogger(DisconnectGrace.class);
    /** A grace removal is not urgent: a few at a time leave the pool to joins (each takes about a millisecond). */
    private static final int MAX_REMOVALS_IN_FLIGHT = 16;
    /** Failures of Redis itself (not a busy pool) before the removal is left to the record's TTL. */
    private static final int MAX_ATTEMPTS = 5;
    private static final long FIRST_RETRY_MS = 500;
    private static final long BUSY_RETRY_MS = 100;

    /** A player whose grace is over, to be removed if socket {@code sid} is still the one on record. */
    private record Removal(String playerId, String sid, int attempt) {}

    private final Vertx vertx;
    private final QueueService queue;
    private final LobbyConfig config;
    private final Map<String, Long> timers = new ConcurrentHashMap<>();
    private final Queue<Removal> due = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean stopped;

    public DisconnectGrace(Vertx vertx, QueueService queue, LobbyConfig config) {
        this.vertx = vertx;
        this.queue = queue;
        this.config = config;
    }

    /** Starts the grace period of a player whose socket {@code sid} dropped. */
    public void start(String playerId, String sid) {
        if (stopped) {
            return;
        }
        long timer = vertx.setTimer(config.disconnectGrace().toMillis(), id -> {
            if (timers.remove(playerId, id)) {
                due.add(new Removal(playerId, sid, 1));
                drain();
            }
        });
        Long previous = timers.put(playerId, timer);
        if (previous != null) {
            vertx.cancelTimer(previous);
        }
    }

    /**
     * At shutdown the graces end with the lobby: their players' records expire with their TTL (or
     * another lobby's socket refreshes them), and no timer may run into a stopped container.
     */
    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        timers.values().forEach(vertx::cancelTimer);
        timers.clear();
        due.clear();
    }

    /** The player has a socket here again: keep them. */
    public void cancel(String playerId) {
        Long timer = timers.remove(playerId);
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
    }

    private void drain() {
        while (!stopped && !due.isEmpty()) {
            int running = inFlight.get();
            if (running >= MAX_REMOVALS_IN_FLIGHT) {
                return; // a finishing removal drains again
            }
            if (!inFlight.compareAndSet(running, running + 1)) {
                continue;
            }
            Removal removal = due.poll();
            if (removal == null) {
                inFlight.decrementAndGet();
                return;
            }
            queue.leave(removal.playerId(), LeaveMode.GRACE, removal.sid()).subscribe().with(
                    outcome -> {
                        LOG.debugf("grace of %s over: %s", removal.playerId(), outcome);
                        finished();
                    },
                    failure -> {
                        finished();
                        retry(removal, failure);
                    });
        }
    }

    private void finished() {
        inFlight.decrementAndGet();
        drain();
    }

    /**
     * leave.lua is one atomic step and checks the sid, so running it again is safe. A full pool
     * (other traffic) only delays the removal; a failing Redis is tried a few times with backoff.
     */
    private void retry(Removal removal, Throwable failure) {
        if (stopped) {
            return;
        }
        if (StoreUnavailableException.isPoolBusy(failure)) {
            vertx.setTimer(BUSY_RETRY_MS, id -> {
                due.add(removal);
                drain();
            });
            return;
        }
        if (removal.attempt() >= MAX_ATTEMPTS) {
            LOG.warnf("grace removal of %s failed %d times, last: %s; the player record expires with its TTL",
                    removal.playerId(), removal.attempt(), failure.getMessage());
            return;
        }
        long delay = FIRST_RETRY_MS << (removal.attempt() - 1);
        LOG.debugf("grace removal of %s failed (%s), retrying in %d ms", removal.playerId(), failure.getMessage(), delay);
        vertx.setTimer(delay, id -> {
            due.add(new Removal(removal.playerId(), removal.sid(), removal.attempt() + 1));
            drain();
        });
    }
}
