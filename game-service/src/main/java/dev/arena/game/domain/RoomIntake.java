package dev.arena.game.domain;

import dev.arena.game.config.GameConfig;
import dev.arena.game.store.MatchStore;
import dev.arena.game.store.RoomHandoffStore;
import dev.arena.game.store.RoomLeaseStore;
import dev.arena.game.store.SnapshotStore;
import dev.arena.game.store.StoreWriter;
import dev.arena.model.codec.MessageCodec;
import dev.arena.model.events.NodeEvent;
import dev.arena.model.events.RoomHandoff;
import dev.arena.model.keys.RedisKeys;
import dev.arena.model.rules.GameRules;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Receives rooms from the matchmaker in batches: reads the node's handoff stream (first what was
 * delivered before a restart and is still pending: rooms this node was running, restored from
 * their snapshot), claims the batch's leases in one round trip, creates the rooms from what the
 * handoffs carry (no read of the matchmaker's room or player records) and reports them running
 * ({@link NodeReporter}, one batch). A dedicated thread, since reading the stream blocks until a handoff arrives; the
 * heartbeat and the tick run on threads of their own, so a crowd's intake delays neither.
 */
@ApplicationScoped
public class RoomIntake {

    private static final Logger LOG = Logger.getLogger(RoomIntake.class);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final RoomHandoffStore handoffs;
    private final RoomLeaseStore leases;
    private final NodeReporter reporter;
    private final SnapshotStore snapshots;
    private final MatchStore matches;
    private final RoomRegistry registry;
    private final StoreWriter writer;
    private final MessageCodec codec;
    private final GameMetrics metrics;
    private final GameConfig config;
    private final GameRules rules;
    private volatile boolean running;

    public RoomIntake(RoomHandoffStore handoffs, RoomLeaseStore leases, NodeReporter reporter, SnapshotStore snapshots,
            MatchStore matches, RoomRegistry registry, StoreWriter writer, MessageCodec codec, GameMetrics metrics, GameConfig config) {
        this.handoffs = handoffs;
        this.leases = leases;
        this.reporter = reporter;
        this.snapshots = snapshots;
        this.matches = matches;
        this.registry = registry;
        this.writer = writer;
        this.codec = codec;
        this.metrics = metrics;
        this.config = config;
        this.rules = config.rules();
    }

    void start(@Observes StartupEvent event) {
        running = true;
        Thread thread = new Thread(this::run, "game-room-intake");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops taking rooms; a handoff being read now is left pending for the next start. */
    public void stop() {
        running = false;
    }

    private void run() {
        String nodeId = config.nodeId();
        while (running) {
            try {
                handoffs.ensureGroup(nodeId);
                String after = "0";
                List<StreamMessage<String, String, String>> pending;
                while (running && !(pending = handoffs.pending(nodeId, after, config.intakeBatch())).isEmpty()) {
                    take(pending, true);
                    after = pending.get(pending.size() - 1).id();
                }
                while (running) {
                    take(handoffs.next(nodeId, config.intakeBatch(), config.intakeBlock()), false);
                }
            } catch (RuntimeException e) {
                if (running) {
                    // Redis is down or a handoff could not be set up: read again from the pending ones.
                    LOG.warnf("room intake of node %s failed, retrying: %s", nodeId, e.toString());
                    pause();
                }
            }
        }
    }

    /**
     * Starts a batch of granted rooms. {@code pending}: entries delivered before a restart, rooms
     * this node may have been running, so each is resumed from its stored state when there is one.
     */
    private void take(List<StreamMessage<String, String, String>> entries, boolean pending) {
        if (entries.isEmpty()) {
            return;
        }
        String nodeId = config.nodeId();
        List<String> done = new ArrayList<>();
        // By room: a later grant of the same room in the batch supersedes an earlier one.
        Map<String, Granted> granted = new LinkedHashMap<>();
        for (StreamMessage<String, String, String> entry : entries) {
            RoomHandoff handoff = readable(entry);
            if (handoff == null) {
                done.add(entry.id());
            } else if (registry.find(handoff.roomId()).isEmpty()) {
                Granted earlier = granted.put(handoff.roomId(), new Granted(entry.id(), handoff));
                if (earlier != null) {
                    done.add(earlier.entryId());
                }
            }
        }
        Map<String, RoomLeaseStore.Lease> found = leases.claim(granted.values().stream()
                .map(grant -> new RoomLeaseStore.Grant(grant.handoff().roomId(), grant.handoff().epoch())).toList(), nodeId);
        List<Granted> held = new ArrayList<>(granted.size());
        for (Granted grant : granted.values()) {
            RoomLeaseStore.Lease lease = found.get(grant.handoff().roomId());
            if (lease.outcome() == RoomLeaseStore.Outcome.HELD) {
                held.add(grant);
            } else {
                // The room is gone, was granted again since (another epoch or node), or another node holds it.
                LOG.infof("room %s is not this node's to run (lease %s); skipping", grant.handoff().roomId(), lease);
                done.add(grant.entryId());
            }
        }
        // The snapshots of every room the batch resumes, in one round trip.
        Set<String> resumed = held.stream().filter(grant -> pending || grant.handoff().resume())
                .map(grant -> grant.handoff().roomId()).collect(Collectors.toSet());
        Map<String, SnapshotStore.Stored> stored = snapshots.readAll(List.copyOf(resumed));
        for (Granted grant : held) {
            RoomHandoff handoff = grant.handoff();
            boolean resume = resumed.contains(handoff.roomId());
            Room room = create(grant.entryId(), handoff, resume ? lastState(handoff, stored.get(handoff.roomId())) : null);
            // Reported before its members can arrive, so the matchmaker hears of the room first.
            reporter.report(NodeEvent.running(room.id(), nodeId, room.epoch(), room.endsAt()));
            registry.add(room);
        }
        handoffs.ack(nodeId, done);
    }

    /** A handoff read from the stream, with the entry to acknowledge when its match is over. */
    private record Granted(String entryId, RoomHandoff handoff) {}

    /** The handoff of an entry, or null (logged) when it cannot be run: unreadable or invalid. */
    private RoomHandoff readable(StreamMessage<String, String, String> entry) {
        RoomHandoff handoff;
        try {
            handoff = RoomHandoff.fromFields(entry.payload(), codec);
        } catch (RuntimeException e) {
            LOG.warnf("dropping unreadable room handoff %s: %s", entry.id(), e.getMessage());
            return null;
        }
        if (!RedisKeys.isValidId(handoff.roomId()) || !handoff.players().stream().allMatch(RedisKeys::isValidId)
                || handoff.players().size() > rules.maxPlayers()) {
            LOG.warnf("dropping invalid room handoff %s: %s", entry.id(), handoff);
            return null;
        }
        return handoff;
    }

    /** A room from its handoff, resumed from {@code stored} when there is a stored state (null: a fresh start). */
    private Room create(String entryId, RoomHandoff handoff, SnapshotStore.Stored stored) {
        long now = System.currentTimeMillis();
        long length = rules.matchLengthMs();
        long endsAt = stored != null ? stored.endsAt() : now + length;
        Room room = new Room(handoff.roomId(), entryId, handoff.epoch(), handoff.roster(), rules, endsAt - length, endsAt,
                now + handoff.arrivalTimeoutMs(), now, config.inboxSize(), codec, metrics);
        if (stored != null) {
            stored.players().stream().filter(p -> room.isMember(p.playerId())).forEach(room::restore);
        }
        writer.matchStarted(room.matchId(), handoff.roomId(), endsAt - length, handoff.epoch(), handoff.roster());
        LOG.infof("room %s %s on node %s with %d members", handoff.roomId(), stored != null ? "resumed" : "started",
                config.nodeId(), handoff.roster().size());
        return room;
    }

    /**
     * The stored state of a match that ran before: its Redis snapshot ({@code inRedis}) when there
     * is one, else PostgreSQL's positions (put back into Redis); null when neither has it.
     */
    private SnapshotStore.Stored lastState(RoomHandoff handoff, SnapshotStore.Stored inRedis) {
        if (inRedis != null) {
            return inRedis;
        }
        long length = rules.matchLengthMs();
        List<RoomSnapshot.PlayerState> players =
                matches.lastPositions(Room.matchIdOf(handoff.roomId())).await().atMost(Duration.ofSeconds(10));
        if (players.isEmpty()) {
            return null;
        }
        long endsAt = handoff.at() + length;
        snapshots.put(new RoomSnapshot(handoff.roomId(), Room.matchIdOf(handoff.roomId()), handoff.epoch(), endsAt,
                System.currentTimeMillis(), players));
        LOG.infof("room %s restored from PostgreSQL (Redis had no snapshot)", handoff.roomId());
        return new SnapshotStore.Stored(endsAt, players);
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
