package dev.arena.matchmaker.transport;

import dev.arena.matchmaker.config.MatchmakerConfig;
import dev.arena.matchmaker.domain.MatchmakerMetrics;
import dev.arena.matchmaker.domain.RoomLifecycle;
import dev.arena.matchmaker.store.RoomStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Owns the thread that moves rooms on after their deadlines: expiry notifications are queued on
 * it, and every {@code sweep-interval} it handles rooms whose deadline passed without one
 * (notifications are fire-and-forget) and refreshes the gauges; every {@code node-check-interval}
 * it removes game nodes whose heartbeat is gone and gives their rooms to live nodes.
 * One thread, so room work never blocks an event loop and never runs twice at once here;
 * across matchmakers the scripts' state checks are the lock.
 */
@ApplicationScoped
public class RoomSweeper {

    private static final Logger LOG = Logger.getLogger(RoomSweeper.class);
    // Listing every pending room is O(rooms): refreshed less often than the sweep runs.
    private static final int GAUGE_EVERY_SWEEPS = 5;
    private static final int GAUGE_ROOM_LIMIT = 100_000;

    private final RoomStore rooms;
    private final RoomLifecycle lifecycle;
    private final MatchmakerMetrics metrics;
    private final MatchmakerConfig config;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "matchmaker-rooms");
        thread.setDaemon(true);
        return thread;
    });
    private long sweeps;
    /** Rooms notified as expired and not decided yet; {@code expiredScheduled} while a task to decide them is queued. */
    private final Queue<String> expired = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean expiredScheduled = new AtomicBoolean();

    public RoomSweeper(RoomStore rooms, RoomLifecycle lifecycle, MatchmakerMetrics metrics, MatchmakerConfig config) {
        this.rooms = rooms;
        this.lifecycle = lifecycle;
        this.metrics = metrics;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        long interval = config.sweepInterval().toMillis();
        executor.scheduleWithFixedDelay(this::sweep, interval, interval, TimeUnit.MILLISECONDS);
        long nodeCheck = config.nodeCheckInterval().toMillis();
        executor.scheduleWithFixedDelay(() -> guarded(this::takeOverLostNodes), nodeCheck, nodeCheck, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(RoomLifecycle.REDIS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Handles a room whose expiry key just expired, on the rooms thread. Rooms whose notifications
     * arrive while that thread is busy are decided together, in one round trip.
     */
    public void roomExpired(String roomId) {
        expired.add(roomId);
        if (expiredScheduled.compareAndSet(false, true)) {
            execute(this::decideExpired);
        }
    }

    private void decideExpired() {
        expiredScheduled.set(false);
        Set<String> due = new LinkedHashSet<>();
        String roomId;
        while (due.size() < config.batchSize() && (roomId = expired.poll()) != null) {
            due.add(roomId);
        }
        if (!expired.isEmpty() && expiredScheduled.compareAndSet(false, true)) {
            execute(this::decideExpired);
        }
        if (!due.isEmpty()) {
            lifecycle.onDue(List.copyOf(due));
        }
    }

    // Runs a task on the rooms thread, which owns every room decision of this matchmaker.
    private void execute(Runnable task) {
        if (!executor.isShutdown()) {
            executor.execute(() -> guarded(task));
        }
    }

    private void sweep() {
        guarded(() -> {
            List<String> due;
            do {
                due = rooms.dueRooms(System.currentTimeMillis(), config.batchSize()).await().atMost(RoomLifecycle.REDIS_TIMEOUT);
                if (!due.isEmpty()) {
                    lifecycle.onDue(due);
                }
                // a full batch may mean more are due: go on, rescheduled ones are no longer due
            } while (due.size() == config.batchSize() && !Thread.currentThread().isInterrupted());
            metrics.queueLength(rooms.queueLength().await().atMost(RoomLifecycle.REDIS_TIMEOUT));
            if (sweeps++ % GAUGE_EVERY_SWEEPS == 0) {
                metrics.rooms(rooms.rooms(GAUGE_ROOM_LIMIT).await().atMost(RoomLifecycle.REDIS_TIMEOUT));
            }
        });
    }

    // Removes the nodes whose heartbeat is gone and gives the rooms of those that had any to live
    // nodes: one round trip while no node is lost, which is nearly always.
    private void takeOverLostNodes() {
        RoomStore.NodeCheck check = rooms.pruneDeadNodes().await().atMost(RoomLifecycle.REDIS_TIMEOUT);
        if (!check.removed().isEmpty()) {
            LOG.infof("removed game nodes without heartbeat: %s", check.removed());
        }
        if (!check.lost().isEmpty()) {
            metrics.roomsTakenOver(lifecycle.takeOver(check.lost()).size());
        }
    }

    // A failed run (Redis down) is logged and retried by the next sweep; it must not kill the thread.
    private static void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warnf("room work failed: %s", e.toString());
        }
    }
}
