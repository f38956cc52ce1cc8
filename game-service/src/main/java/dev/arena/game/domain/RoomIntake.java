package dev.arena.game.domain;

import dev.arena.game.config.GameConfig;
import dev.arena.game.store.MatchStore;
import dev.arena.game.store.RoomHandoffStore;
import dev.arena.game.store.RoomLeaseStore;
import dev.arena.game.store.RoomStore;
import dev.arena.game.store.SnapshotStore;
import dev.arena.game.store.StoreWriter;
import dev.arena.model.codec.MessageCodec;
import dev.arena.model.events.RoomHandoff;
import dev.arena.model.keys.RedisKeys;
import dev.arena.model.keys.RoomFields;
import dev.arena.model.protocol.PlayerInfo;
import dev.arena.model.rules.GameRules;
import dev.arena.model.state.RoomState;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Receives rooms from the matchmaker: reads the node's handoff stream (first what was delivered
 * before a restart and is still pending: rooms this node was running, restored from their
 * snapshot), creates each room and reports it running. A dedicated thread, since reading the
 * stream blocks until a handoff arrives.
 */
@ApplicationScoped
public class RoomIntake {

    private static final Logger LOG = Logger.getLogger(RoomIntake.class);
    private static final int BATCH = 100;
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final RoomHandoffStore handoffs;
    private final RoomStore roomStore;
    private final RoomLeaseStore leases;
    private final SnapshotStore snapshots;
    private final MatchStore matches;
    private final RoomRegistry registry;
    private final StoreWriter writer;
    private final MessageCodec codec;
    private final GameMetrics metrics;
    private final GameConfig config;
    private final GameRules rules;
    private volatile boolean running;

    public RoomIntake(RoomHandoffStore handoffs, RoomStore roomStore, RoomLeaseStore leases, SnapshotStore snapshots, MatchStore matches,
            RoomRegistry registry, StoreWriter writer, MessageCodec codec, GameMetrics metrics, GameConfig config) {
        this.handoffs = handoffs;
        this.roomStore = roomStore;
        this.leases = leases;
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
                while (running && !(pending = handoffs.pending(nodeId, after, BATCH)).isEmpty()) {
                    for (StreamMessage<String, String, String> entry : pending) {
                        take(entry);
                        after = entry.id();
                    }
                }
                while (running) {
                    for (StreamMessage<String, String, String> entry : handoffs.next(nodeId, BATCH, config.intakeBlock())) {
                        take(entry);
                    }
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

    private void take(StreamMessage<String, String, String> entry) {
        String nodeId = config.nodeId();
        RoomHandoff handoff;
        try {
            handoff = RoomHandoff.fromFields(entry.payload());
        } catch (RuntimeException e) {
            LOG.warnf("dropping unreadable room handoff %s: %s", entry.id(), e.getMessage());
            handoffs.ack(nodeId, entry.id());
            return;
        }
        if (!RedisKeys.isValidId(handoff.roomId()) || handoff.players().isEmpty()
                || !handoff.players().stream().allMatch(RedisKeys::isValidId)
                || handoff.players().size() > rules.maxPlayers()) {
            LOG.warnf("dropping invalid room handoff %s: %s", entry.id(), handoff);
            handoffs.ack(nodeId, entry.id());
            return;
        }
        if (registry.find(handoff.roomId()).isPresent()) {
            return;
        }
        Map<String, String> room = roomStore.room(handoff.roomId());
        String state = room.get(RoomFields.STATE);
        boolean fresh = RoomState.STARTING.wire().equals(state);
        boolean resumed = RoomState.RUNNING.wire().equals(state);
        if (!nodeId.equals(room.get(RoomFields.NODE)) || !(fresh || resumed)) {
            // The room is gone (ended, timed out) or was handed elsewhere since.
            LOG.infof("room %s is no longer for this node (state %s, node %s); skipping", handoff.roomId(), state,
                    room.get(RoomFields.NODE));
            handoffs.ack(nodeId, entry.id());
            return;
        }
        RoomLeaseStore.Lease lease = leases.claim(handoff.roomId(), nodeId);
        if (lease.outcome() != RoomLeaseStore.Outcome.HELD) {
            // Another node owns the room now (a takeover), or the matchmaker took it back meanwhile.
            LOG.infof("room %s is not this node's to run (lease %s); skipping", handoff.roomId(), lease);
            handoffs.ack(nodeId, entry.id());
            return;
        }
        List<PlayerInfo> roster = roomStore.roster(handoff.players());
        long now = System.currentTimeMillis();
        long length = rules.matchLengthMs();
        SnapshotStore.Stored stored = resumed ? lastState(handoff, length) : null;
        long endsAt = stored != null ? stored.endsAt() : resumed ? handoff.at() + length : now + length;
        Room created = new Room(handoff.roomId(), entry.id(), roster, rules, endsAt - length, endsAt, now,
                config.inboxSize(), codec, metrics);
        if (stored != null) {
            stored.players().stream().filter(p -> created.isMember(p.playerId()))
                    .forEach(created::restore);
        }
        roomStore.markRunning(handoff.roomId(), nodeId, Duration.ofMillis(Math.max(0, endsAt - now)).plus(RedisKeys.ROOM_TTL));
        writer.matchStarted(created.matchId(), handoff.roomId(), endsAt - length, roster);
        registry.add(created);
        LOG.infof("room %s %s on node %s with %d members", handoff.roomId(), resumed ? "resumed" : "started", nodeId,
                roster.size());
    }

    /** The stored state of a match this node was running: Redis first, else PostgreSQL (put back into Redis). */
    private SnapshotStore.Stored lastState(RoomHandoff handoff, long length) {
        SnapshotStore.Stored stored = snapshots.read(handoff.roomId());
        if (stored != null) {
            return stored;
        }
        List<RoomSnapshot.PlayerState> players =
                matches.lastPositions(Room.matchIdOf(handoff.roomId())).await().atMost(Duration.ofSeconds(10));
        if (players.isEmpty()) {
            return null;
        }
        long endsAt = handoff.at() + length;
        snapshots.put(new RoomSnapshot(handoff.roomId(), Room.matchIdOf(handoff.roomId()), endsAt, System.currentTimeMillis(),
                players));
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
