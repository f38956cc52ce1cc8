package dev.arena.game.store;

import dev.arena.game.config.GameConfig;
import dev.arena.game.domain.GameMetrics;
import dev.arena.game.domain.MatchResult;
import dev.arena.game.domain.Room;
import dev.arena.game.domain.RoomSnapshot;
import dev.arena.game.domain.StopOrder;
import dev.arena.model.events.NodeEvent;
import dev.arena.model.protocol.PlayerInfo;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Where persistence leaves the tick: the tick hands over snapshots and results and returns at
 * once; one writer thread stores them in Redis and PostgreSQL. Snapshots are coalesced per room
 * (a slow store skips stale ones instead of queueing them), results are never dropped, and both
 * are handled in the order they came, so a match's last snapshot never lands after its cleanup.
 */
@ApplicationScoped
public class StoreWriter {

    private static final Logger LOG = Logger.getLogger(StoreWriter.class);
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(10);
    private static final int RESULT_ATTEMPTS = 3;

    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "game-store-writer");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, RoomSnapshot> pendingSnapshots = new ConcurrentHashMap<>();
    private final AtomicBoolean flushQueued = new AtomicBoolean();
    // Writer thread only.
    private final Map<String, Long> positionsWrittenAt = new HashMap<>();
    // A room's positions refer to its match row: written only once the row is in. Snapshots are
    // coalesced, so a flush queued before a room's start can carry that room's first snapshot.
    private final Set<String> recordedStarts = new HashSet<>();
    /** Match rows PostgreSQL did not take at the start, by room: tried again before the room's next positions. */
    private final Map<String, Runnable> unrecordedStarts = new HashMap<>();

    private final SnapshotStore snapshots;
    private final MatchStore matches;
    private final LeaderboardStore leaderboard;
    private final NodeEventStore events;
    private final RoomHandoffStore handoffs;
    private final RoomLeaseStore leases;
    private final GameMetrics metrics;
    private final String nodeId;
    // Snapshots come on the tick's cadence (990 or 1005 ms for a 1 s interval), so a positions
    // batch is due half a snapshot interval early rather than skipped for a whole one.
    private final long positionsDueAfterMs;

    public StoreWriter(SnapshotStore snapshots, MatchStore matches, LeaderboardStore leaderboard, NodeEventStore events,
            RoomHandoffStore handoffs, RoomLeaseStore leases, GameMetrics metrics, GameConfig config) {
        this.snapshots = snapshots;
        this.matches = matches;
        this.leaderboard = leaderboard;
        this.events = events;
        this.handoffs = handoffs;
        this.leases = leases;
        this.metrics = metrics;
        this.nodeId = config.nodeId();
        this.positionsDueAfterMs = config.positionsInterval().toMillis() - config.snapshotInterval().toMillis() / 2;
    }

    /** Records a started match in PostgreSQL (its row and players, under grant {@code epoch}), off the caller's thread. */
    public void matchStarted(UUID matchId, String roomId, long startedAt, long epoch, List<PlayerInfo> roster) {
        executor.execute(() -> recordStart(roomId,
                () -> matches.started(matchId, roomId, nodeId, startedAt, epoch, roster).await().atMost(STORE_TIMEOUT)));
    }

    /**
     * Records a match's row; one PostgreSQL did not take is kept and tried again before the room's
     * next positions batch, which refers to it (the result would add it anyway, but the positions
     * of a match without its row are refused). Returns whether the row is in.
     */
    private boolean recordStart(String roomId, Runnable start) {
        try {
            start.run();
            unrecordedStarts.remove(roomId);
            recordedStarts.add(roomId);
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("could not record the start of match %s (tried again with its next positions): %s", roomId, e.toString());
            unrecordedStarts.put(roomId, start);
            return false;
        }
    }

    /** Takes the latest snapshot of a room; an older one not yet written is replaced. Never blocks. */
    public void snapshot(RoomSnapshot snapshot) {
        pendingSnapshots.put(snapshot.roomId(), snapshot);
        if (flushQueued.compareAndSet(false, true)) {
            executor.execute(this::flushSnapshots);
        }
    }

    /**
     * Writes these snapshots now and waits up to {@code timeout} (the drain's final snapshots): on
     * the writer's own thread, after whatever it was handed before, so no older snapshot lands later.
     * Returns whether they were written in time.
     */
    public boolean writeNow(List<RoomSnapshot> batch, Duration timeout) throws InterruptedException {
        Future<Boolean> written = executor.submit(() -> {
            batch.forEach(snapshot -> pendingSnapshots.put(snapshot.roomId(), snapshot));
            return flushSnapshots();
        });
        try {
            return written.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("the final snapshots of %d rooms were not written in %s: %s", batch.size(), timeout, e.toString());
            return false;
        }
    }

    /** Takes a finished match to store; never blocks. */
    public void matchEnded(MatchResult result) {
        executor.execute(() -> storeResult(result));
    }

    /** Takes a called-off match to close in the stores; never blocks. */
    public void matchCalledOff(String roomId, UUID matchId, String handoffEntryId, long at) {
        executor.execute(() -> {
            forget(roomId);
            try {
                matches.calledOff(matchId, at, Room.CALLED_OFF).await().atMost(STORE_TIMEOUT);
            } catch (RuntimeException e) {
                LOG.warnf("could not mark match %s called off: %s", roomId, e.toString());
            }
            try {
                // The room and its members are the matchmaker's again: only what is the node's goes.
                snapshots.delete(roomId);
                leases.release(roomId, nodeId);
                handoffs.ack(nodeId, handoffEntryId);
            } catch (RuntimeException e) {
                LOG.errorf("could not clean up called-off match %s in Redis: %s", roomId, e.toString());
            }
        });
    }

    /**
     * Lets go of a match another node runs now (a takeover): nothing of it is written from here on,
     * and its handoff is acknowledged; its match row, snapshot and lease are the new owner's.
     */
    public void matchMovedAway(String roomId, String handoffEntryId) {
        executor.execute(() -> {
            forget(roomId);
            try {
                handoffs.ack(nodeId, handoffEntryId);
            } catch (RuntimeException e) {
                LOG.warnf("could not acknowledge the handoff of match %s, which moved away: %s", roomId, e.toString());
            }
        });
    }

    // What this writer still holds of a room it no longer runs.
    private void forget(String roomId) {
        pendingSnapshots.remove(roomId);
        positionsWrittenAt.remove(roomId);
        unrecordedStarts.remove(roomId);
        recordedStarts.remove(roomId);
    }

    /** Writes the pending snapshots (and the position batches that are due); returns whether Redis took them. */
    private boolean flushSnapshots() {
        flushQueued.set(false);
        List<RoomSnapshot> batch = new ArrayList<>(pendingSnapshots.size());
        for (String roomId : pendingSnapshots.keySet()) {
            RoomSnapshot snapshot = pendingSnapshots.remove(roomId);
            if (snapshot != null) {
                batch.add(snapshot);
            }
        }
        if (batch.isEmpty()) {
            return true;
        }
        long start = System.nanoTime();
        boolean stored = false;
        try {
            snapshots.write(batch).await().atMost(STORE_TIMEOUT);
            metrics.snapshotWritten(System.nanoTime() - start);
            stored = true;
        } catch (RuntimeException e) {
            LOG.warnf("could not store %d match snapshots in Redis: %s", batch.size(), e.toString());
        }
        for (RoomSnapshot snapshot : batch) {
            Long last = positionsWrittenAt.get(snapshot.roomId());
            if (last == null || snapshot.takenAt() - last >= positionsDueAfterMs) {
                if (!startRecorded(snapshot.roomId())) {
                    continue; // due again with the room's next snapshot
                }
                positionsWrittenAt.put(snapshot.roomId(), snapshot.takenAt());
                try {
                    matches.positions(snapshot).await().atMost(STORE_TIMEOUT);
                } catch (RuntimeException e) {
                    LOG.warnf("could not store the positions of match %s: %s", snapshot.roomId(), e.toString());
                }
            }
        }
        return stored;
    }

    /** Whether the room's match row is in PostgreSQL: recorded at its start, or now on a retry; false while its start waits its turn. */
    private boolean startRecorded(String roomId) {
        if (recordedStarts.contains(roomId)) {
            return true;
        }
        Runnable start = unrecordedStarts.get(roomId);
        return start != null && recordStart(roomId, start);
    }

    private void storeResult(MatchResult result) {
        forget(result.roomId());
        List<PlayerInfo> roster = result.players().stream()
                .map(p -> new PlayerInfo(p.playerId(), p.name(), p.colors())).toList();
        Boolean first = null;
        for (int attempt = 1; attempt <= RESULT_ATTEMPTS && first == null; attempt++) {
            try {
                first = matches.ended(result, nodeId, roster).await().atMost(STORE_TIMEOUT);
            } catch (RuntimeException e) {
                LOG.warnf("attempt %d to store the result of match %s failed: %s", attempt, result.roomId(), e.toString());
                sleep(attempt);
            }
        }
        if (first == null) {
            LOG.errorf("the result of match %s is lost: PostgreSQL did not take it (%s)", result.roomId(), result);
        }
        try {
            if (Boolean.TRUE.equals(first)) {
                for (MatchResult.PlayerResult player : result.players()) {
                    if (player.score() > 0) {
                        leaderboard.add(player.playerId(), player.score()).await().atMost(STORE_TIMEOUT);
                    }
                }
            }
            // Whatever PostgreSQL said, players must not stay stuck: the matchmaker frees them and the
            // room on this report. The handoff is acknowledged after it, so a restart between the two
            // reports the end again (a second report is stale) rather than never.
            events.report(NodeEvent.ended(result.roomId(), nodeId, result.epoch())).await().atMost(STORE_TIMEOUT);
            snapshots.delete(result.roomId());
            leases.release(result.roomId(), nodeId);
            handoffs.ack(nodeId, result.handoffEntryId());
        } catch (RuntimeException e) {
            LOG.errorf("could not clean up match %s in Redis: %s", result.roomId(), e.toString());
        }
    }

    private static void sleep(int attempt) {
        try {
            Thread.sleep(500L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void stop(@Observes @Priority(StopOrder.WRITER) ShutdownEvent event) throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
