package dev.arena.lobby.transport;

import dev.arena.lobby.store.RoomEventsChannel;
import dev.arena.model.codec.MessageCodec;
import dev.arena.model.events.PlayerNotice;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.jboss.logging.Logger;

/** Delivers each {@code room-events} notice to the listed players whose lobby socket this instance holds. */
@ApplicationScoped
public class RoomEventsRelay {

    private static final Logger LOG = Logger.getLogger(RoomEventsRelay.class);

    private final RoomEventsChannel channel;
    private final LobbyConnections connections;
    private final MessageCodec codec;
    private Cancellable subscription;

    public RoomEventsRelay(RoomEventsChannel channel, LobbyConnections connections, MessageCodec codec) {
        this.channel = channel;
        this.connections = connections;
        this.codec = codec;
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
        for (String player : notice.players()) {
            connections.of(player).ifPresent(connection -> connection.sendText(frame)
                    .subscribe().with(ignored -> {}, failure -> {}));
        }
    }
}
