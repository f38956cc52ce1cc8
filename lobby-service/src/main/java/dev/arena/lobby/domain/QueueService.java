package dev.arena.lobby.domain;

import dev.arena.lobby.store.LeaveOutcome;
import dev.arena.lobby.store.QueueStore;
import dev.arena.lobby.store.QueueStore.EnqueueOutcome;
import dev.arena.lobby.store.RoomEventsChannel;
import dev.arena.model.api.Placement;
import dev.arena.model.api.QueueState;
import dev.arena.model.events.PlayerNotice;
import dev.arena.model.protocol.LobbyServerMessage.RoomUpdate;
import dev.arena.model.protocol.PlayerInfo;
import dev.arena.model.state.PlayerStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.jboss.logging.Logger;

/** Joining and leaving the queue (one game at a time), and telling a room's members when someone left. */
@ApplicationScoped
public class QueueService {

    /** What joining came to: queued with the new state, or refused because of where the player is. */
    public sealed interface JoinResult {
        record Queued(QueueState state) implements JoinResult {}

        record AlreadyPlaying(Placement where) implements JoinResult {}
    }

    /** Why a leave runs: the player asked, their socket's grace ran out, or an operator reset them. */
    public enum LeaveMode {
        PLAYER("player"), GRACE("grace"), ADMIN("admin");

        private final String wire;

        LeaveMode(String wire) {
            this.wire = wire;
        }
    }

    private static final Logger LOG = Logger.getLogger(QueueService.class);

    private final QueueStore queue;
    private final RoomEventsChannel roomEvents;
    private final QueueMetrics metrics;
    private final Clock clock = Clock.systemUTC();

    public QueueService(QueueStore queue, RoomEventsChannel roomEvents, QueueMetrics metrics) {
        this.queue = queue;
        this.roomEvents = roomEvents;
        this.metrics = metrics;
    }

    /** Queues the player unless they are queued, in a room or in a match already. */
    public Uni<JoinResult> join(PlayerInfo player) {
        return queue.enqueue(player, clock.millis()).map(outcome -> {
            if (outcome instanceof EnqueueOutcome.Queued queued) {
                metrics.enqueued();
                Placement placement = new Placement(PlayerStatus.QUEUED, null, null, null, queued.joinedAt());
                return new JoinResult.Queued(new QueueState(placement, queued.rank() + 1, queued.queueLength()));
            }
            return new JoinResult.AlreadyPlaying(Placements.of(((EnqueueOutcome.AlreadyPlaying) outcome).where()));
        });
    }

    /**
     * Takes the player out of the queue or a room that has not started (in any room for
     * {@link LeaveMode#ADMIN}); the remaining members of a room get a {@code room.update}.
     * {@code droppedSid} is the sid of the socket whose grace ran out, for {@link LeaveMode#GRACE}.
     */
    public Uni<LeaveOutcome> leave(String playerId, LeaveMode mode, String droppedSid) {
        return queue.leave(playerId, mode.wire, droppedSid, clock.millis()).call(this::tellRoom).invoke(outcome -> {
            if (outcome instanceof LeaveOutcome.Left || outcome instanceof LeaveOutcome.LeftRoom) {
                metrics.left();
            }
        });
    }

    /** Where the player is, with their 1-based place in the queue (0 when not queued). */
    public Uni<QueueState> standing(String playerId) {
        return queue.standing(playerId).map(QueueService::state);
    }

    private static QueueState state(QueueStore.Standing standing) {
        return new QueueState(Placements.of(standing.record()),
                standing.rank() == null ? 0 : standing.rank() + 1, standing.queueLength());
    }

    // The leave itself is committed; a failed notice is logged, the members catch up on the next room change.
    private Uni<Void> tellRoom(LeaveOutcome outcome) {
        if (!(outcome instanceof LeaveOutcome.LeftRoom room) || room.members().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        RoomUpdate update = new RoomUpdate(room.roomId(), room.state(), room.members(), room.countdownDeadline(), null);
        return roomEvents.publish(new PlayerNotice(room.members().stream().map(PlayerInfo::id).toList(), update))
                .onFailure().invoke(e -> LOG.warnf("room.update for room %s not published: %s", room.roomId(), e.getMessage()))
                .onFailure().recoverWithNull();
    }
}
