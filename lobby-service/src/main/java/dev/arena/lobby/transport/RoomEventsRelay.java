package dev.arena.lobby.transport;

import dev.arena.lobby.domain.LeaveConfirmations;
import dev.arena.lobby.store.RoomEventsChannel;
import dev.arena.model.codec.MessageCodec;
import dev.arena.model.events.PlayerNotice;
import dev.arena.model.protocol.LobbyServerMessage;
import dev.arena.model.protocol.LobbyServerMessage.QueueStatus;
import dev.arena.model.state.PlayerStatus;
import dev.arena.model.state.RoomState;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Delivers each {@code room-events} notice to the listed players whose lobby socket this instance
 * holds; a queued player's room update or match.ready stands for their {@code in_room} status, and
 * a {@code queue.status} (the matchmaker's answer to a leave) also answers a leave waiting here.
 */
@ApplicationScoped
public class RoomEventsRelay {

    private static final Logger LOG = Logger.getLogger(RoomEventsRelay.class);

    private final RoomEventsChannel channel;
    private final LobbyConnections connections;
    private final MessageCodec codec;
    private final LobbyPushes pushes;
    private final LeaveConfirmations confirmations;
    private Cancellable subscription;

    public RoomEventsRelay(RoomEventsChannel channel, LobbyConnections connections, MessageCodec codec, LobbyPushes pushes,
            LeaveConfirmations confirmations) {
        this.channel = channel;
        this.connections = connections;
        this.codec = codec;
        this.pushes = pushes;
        this.confirmations = confirmations;
    }

    void start(@Observes StartupEvent event) {
        // Redis may be down at start or drop the subscription later: keep subscribing until it holds.
        subscription = channel.messages()
                .onFailure().invoke(failure -> LOG.warnf("room-events subscription lost: %s", failure.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(10)).indefinitely()
                .subscribe().with(this::deliver);
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscription != null) {
            subscription.cancel();
        }
    }

    void deliver(String raw) {
        PlayerNotice notice;
        try {
            notice = codec.decode(raw, PlayerNotice.class);
        } catch (RuntimeException e) {
            LOG.warnf("unreadable room-events message dropped: %s", e.getMessage());
            return;
        }
        // Encoded once, written to every listed socket held here.
        String frame = codec.encode(notice.message());
        boolean placing = placesMembers(notice.message());
        PlayerStatus status = notice.message() instanceof QueueStatus queueStatus ? queueStatus.status() : null;
        for (String player : notice.players()) {
            if (status != null) {
                // The matchmaker's answer to a leave, which a request on this instance may wait for.
                confirmations.heard(player, status);
            }
            WebSocketConnection connection = connections.of(player).orElse(null);
            if (connection == null) {
                continue;
            }
            pushes.push(connection, frame);
            // The room.update or match.ready tells a queued player they are in_room (docs/protocol.md):
            // recorded as told, so no status round sends them a queue.status saying it again.
            if (placing) {
                connections.toldInstead(player, PlayerStatus.QUEUED, PlayerStatus.IN_ROOM);
            } else if (status != null) {
                connections.told(player, status);
            }
        }
    }

    // A room.update of a room that has not started lists its members, all of them in_room; a
    // match.ready goes to the members of a room that just started (a full room gets no room.update).
    private static boolean placesMembers(LobbyServerMessage message) {
        return message instanceof LobbyServerMessage.MatchReady
                || message instanceof LobbyServerMessage.RoomUpdate update
                        && (update.state() == RoomState.WAITING || update.state() == RoomState.COUNTDOWN);
    }
}
