package dev.arena.loadtest;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Every figure of one run; touched only on the generator's single event loop, so nothing here is synchronized. */
final class Metrics {

    final Latency guestToMatch = new Latency();
    final Latency queueToRoom = new Latency();
    final Latency snapshotInterval = new Latency();
    final Latency inputRoundTrip = new Latency();
    /**
     * The failover and rolling scenarios: from the kill (or SIGTERM) of a node to each of its players'
     * first snapshot from the new node.
     */
    final Latency killToSnapshot = new Latency();
    /** Its steps: from the kill to the {@code match.ready} naming the new node, and to the game socket open on it. */
    final Latency killToMatchReady = new Latency();
    final Latency killToGameSocket = new Latency();
    /**
     * Each time a bot's match went on after its game socket was lost (a node killed or drained):
     * from the last snapshot before to the first snapshot after, the time the player saw nothing.
     */
    final Latency interruption = new Latency();
    /** Interrupted bots the lobby then found without a match: their match ended or was called off meanwhile. */
    long interruptedMatchesLost;
    final CpuMeter generatorCpu = new CpuMeter();
    final Map<String, Long> errors = new TreeMap<>();
    final Map<Integer, Long> closes = new TreeMap<>();
    long lobbyConnected;
    long gameConnected;
    long inGame;
    long matchesStarted;
    long matchesEnded;
    long snapshots;
    /** Bytes of the snapshot frames received, for bytes per snapshot per player. */
    long snapshotBytes;
    long inputsSent;
    /** Each bot's first queue to its first room: the burst's own figure (later queues come after a match). */
    final Latency firstQueueToRoom = new Latency();
    /** When the first queue request went out and the last bot got its first room (nanoTime; 0 before). */
    long firstQueuedAt;
    long lastFirstAssignedAt;
    final Set<String> roomsSeen = new HashSet<>();
    /** Each bot's first queue to the {@code start} of its first match: when a crowd's player really plays. */
    final Latency firstQueueToStart = new Latency();
    /** When the last bot got the {@code start} of its first match (nanoTime; 0 before). */
    long lastFirstStartAt;
    /** Bots whose game-socket upgrade was refused at least once, and those of them that got in on a retry. */
    long botsRefused;
    long botsRefusedThenAdmitted;

    void error(String what) {
        errors.merge(what, 1L, Long::sum);
    }

    long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    void close(int code) {
        closes.merge(code, 1L, Long::sum);
    }

    void queued(long at) {
        if (firstQueuedAt == 0) {
            firstQueuedAt = at;
        }
    }

    /** A bot is in a room, {@code first} time or after a match. */
    void assigned(long queuedAt, long at, String roomId, boolean first) {
        queueToRoom.record(at - queuedAt);
        if (first) {
            firstQueueToRoom.record(at - queuedAt);
            lastFirstAssignedAt = at;
        }
        roomsSeen.add(roomId);
    }

    /** A bot got the {@code start} of its first match; {@code refusedBefore}: after a refused upgrade. */
    void firstStart(long queuedAt, long at, boolean refusedBefore) {
        firstQueueToStart.record(at - queuedAt);
        lastFirstStartAt = at;
        if (refusedBefore) {
            botsRefusedThenAdmitted++;
        }
    }

    /** Bots playing their first match per second, from the first queue request to the last first start. */
    double firstStartsPerSecond() {
        return perSecondSinceFirstQueue(firstQueueToStart.count(), lastFirstStartAt);
    }

    /** Bots placed in their first room per second, from the first queue request to the last such placement. */
    double firstPlacementsPerSecond() {
        return perSecondSinceFirstQueue(firstQueueToRoom.count(), lastFirstAssignedAt);
    }

    // count events from the first queue request to lastAt (nanoTime; 0: none yet), per second.
    private double perSecondSinceFirstQueue(long count, long lastAt) {
        double seconds = (lastAt - firstQueuedAt) / 1e9;
        return lastAt == 0 || seconds <= 0 ? 0 : count / seconds;
    }

    /** The latencies the timeline samples and a capacity step measures, by their names in the result file. */
    Map<String, Latency> sampled() {
        Map<String, Latency> sampled = new LinkedHashMap<>();
        sampled.put("snapshotIntervalMs", snapshotInterval);
        sampled.put("inputRoundTripMs", inputRoundTrip);
        sampled.put("queueToRoomMs", queueToRoom);
        return sampled;
    }
}
