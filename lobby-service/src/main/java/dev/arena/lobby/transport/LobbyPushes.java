package dev.arena.lobby.transport;

import dev.arena.lobby.store.QueueStore.Standing;
import dev.arena.lobby.store.RoomStore;
import dev.arena.model.api.Placement;
import dev.arena.model.api.QueueState;
import dev.arena.model.codec.MessageCodec;
import dev.arena.model.protocol.LobbyServerMessage;
import dev.arena.model.protocol.LobbyServerMessage.MatchReady;
import dev.arena.model.protocol.LobbyServerMessage.QueueStatus;
import dev.arena.model.state.PlayerStatus;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/** Builds and sends the lobby socket's server frames: {@code queue.status}, and where a (re)connecting player is. */
@ApplicationScoped
public class LobbyPushes {

    private final MessageCodec codec;
    private final RoomStore rooms;
    private final LobbyConnections connections;
    private final Clock clock = Clock.systemUTC();

    public LobbyPushes(MessageCodec codec, RoomStore rooms, LobbyConnections connections) {
        this.codec = codec;
        this.rooms = rooms;
        this.connections = connections;
    }

    /**
     * Tells the player's socket, when this instance holds it, where they stand after a change made
     * over REST (a leave), at once rather than at the next presence round.
     */
    public void changed(String playerId, QueueState state) {
        answered(playerId, state);
        connections.of(playerId).ifPresent(connection -> push(connection, queueStatus(state)));
    }

    /**
     * Records that an HTTP answer told the player {@code state}, without a frame that repeats it:
     * a queued player is then one the status round tells their place, from its next tick on.
     */
    public void answered(String playerId, QueueState state) {
        connections.told(playerId, state.placement().status());
    }

    /** {@code queue.status} of a standing; position and wait only while queued. */
    public QueueStatus queueStatus(Standing standing) {
        PlayerStatus status = standing.record().status();
        boolean queued = status == PlayerStatus.QUEUED && standing.rank() != null;
        Long joinedAt = standing.record().joinedAt();
        return new QueueStatus(status,
                queued ? (int) (standing.rank() + 1) : 0,
                (int) Math.min(Integer.MAX_VALUE, standing.queueLength()),
                queued && joinedAt != null ? Math.max(0, clock.millis() - joinedAt) : 0);
    }

    /** {@code queue.status} of a queue state (the answer to a join or a leave on the socket). */
    public QueueStatus queueStatus(QueueState state) {
        Placement placement = state.placement();
        boolean queued = placement.status() == PlayerStatus.QUEUED && placement.queuedAt() != null;
        return new QueueStatus(placement.status(), (int) state.position(), (int) Math.min(Integer.MAX_VALUE, state.queued()),
                queued ? Math.max(0, clock.millis() - placement.queuedAt()) : 0);
    }

    /** Everything a player who just connected needs: the queue status, then their room or match. */
    public Uni<Void> greet(WebSocketConnection connection, Standing standing) {
        Uni<Void> status = send(connection, queueStatus(standing));
        String room = standing.record().room();
        if (room == null) {
            return status;
        }
        String node = standing.record().node();
        if (node != null) {
            return status.chain(() -> send(connection, MatchReady.of(room, node)));
        }
        return status.chain(() -> rooms.view(room))
                .chain(view -> view.isPresent() ? send(connection, view.get()) : Uni.createFrom().voidItem());
    }

    public Uni<Void> send(WebSocketConnection connection, LobbyServerMessage message) {
        return connection.sendText(codec.encode(message));
    }

    /** Writes {@code message} without waiting for it: a push nobody answers (a socket closed meanwhile drops it). */
    public void push(WebSocketConnection connection, LobbyServerMessage message) {
        push(connection, codec.encode(message));
    }

    /** As {@link #push(WebSocketConnection, LobbyServerMessage)}, for a frame encoded once for many sockets. */
    public void push(WebSocketConnection connection, String frame) {
        connection.sendText(frame).subscribe().with(ignored -> {}, failure -> {});
    }
}
