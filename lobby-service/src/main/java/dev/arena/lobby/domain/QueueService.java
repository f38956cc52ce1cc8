package dev.arena.lobby.domain;

import dev.arena.lobby.config.LobbyConfig;
import dev.arena.lobby.store.LeaveOutcome;
import dev.arena.lobby.store.QueueStore;
import dev.arena.lobby.store.QueueStore.EnqueueOutcome;
import dev.arena.model.api.Placement;
import dev.arena.model.api.QueueState;
import dev.arena.model.protocol.PlayerInfo;
import dev.arena.model.state.PlayerStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/** Joining and leaving the queue (one game at a time); leaving a room through the matchmaker, which owns it. */
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

    private final QueueStore queue;
    private final LeaveConfirmations confirmations;
    private final QueueMetrics metrics;
    private final LobbyConfig config;
    private final Clock clock = Clock.systemUTC();

    public QueueService(QueueStore queue, LeaveConfirmations confirmations, QueueMetrics metrics, LobbyConfig config) {
        this.queue = queue;
        this.confirmations = confirmations;
        this.metrics = metrics;
        this.config = config;
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
     * Takes the player out of the queue, or has the matchmaker take them out of a room that has not
     * started (any room for {@link LeaveMode#ADMIN}) and waits up to {@code leave-confirm-timeout}
     * for its answer; the matchmaker tells the room's remaining members. {@code droppedSid} is the
     * sid of the socket whose grace ran out, for {@link LeaveMode#GRACE}, which does not wait.
     */
    public Uni<LeaveOutcome> leave(String playerId, LeaveMode mode, String droppedSid) {
        if (mode == LeaveMode.GRACE) {
            return queue.leave(playerId, mode.wire, droppedSid, clock.millis()).invoke(this::count);
        }
        CompletableFuture<PlayerStatus> answer = confirmations.expect(playerId);
        return queue.leave(playerId, mode.wire, droppedSid, clock.millis())
                .chain(outcome -> outcome instanceof LeaveOutcome.Leaving leaving
                        ? confirmed(playerId, leaving, answer)
                        : Uni.createFrom().item(outcome))
                .invoke(this::count)
                .eventually(() -> confirmations.forget(playerId, answer));
    }

    // The matchmaker's answer: out of the room, or still placed (the match started first).
    private Uni<LeaveOutcome> confirmed(String playerId, LeaveOutcome.Leaving leaving, CompletableFuture<PlayerStatus> answer) {
        // The answer arrives on the pub/sub connection's thread: the caller goes on on its own context.
        Context caller = Vertx.currentContext();
        Uni<PlayerStatus> heard = Uni.createFrom().completionStage(answer);
        if (caller != null) {
            heard = heard.emitOn(task -> caller.runOnContext(ignored -> task.run()));
        }
        return heard
                .ifNoItem().after(config.leaveConfirmTimeout()).recoverWithItem((PlayerStatus) null)
                .chain(status -> {
                    if (status == null) {
                        return Uni.createFrom().item(leaving);
                    }
                    if (status == PlayerStatus.IDLE) {
                        return Uni.createFrom().item(new LeaveOutcome.LeftRoom(leaving.roomId()));
                    }
                    return queue.standing(playerId).map(standing -> new LeaveOutcome.InMatch(standing.record()));
                });
    }

    private void count(LeaveOutcome outcome) {
        if (outcome instanceof LeaveOutcome.Left || outcome instanceof LeaveOutcome.LeftRoom) {
            metrics.left();
        }
    }

    /** Where the player is, with their 1-based place in the queue (0 when not queued). */
    public Uni<QueueState> standing(String playerId) {
        return queue.standing(playerId).map(QueueService::state);
    }

    private static QueueState state(QueueStore.Standing standing) {
        return new QueueState(Placements.of(standing.record()),
                standing.rank() == null ? 0 : standing.rank() + 1, standing.queueLength());
    }
}
