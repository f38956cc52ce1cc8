package dev.arena.lobby.transport;

import dev.arena.lobby.config.LobbyConfig;
import dev.arena.lobby.domain.QueueMetrics;
import dev.arena.lobby.store.PresenceStore;
import dev.arena.lobby.store.QueueStore.Standing;
import dev.arena.model.state.PlayerStatus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * About once a second: marks every player whose socket this instance holds online (sid and TTL),
 * reads where they all stand in one pipelined round trip, and sends {@code queue.status} to the
 * queued ones and to anyone whose status changed since they were last told.
 */
@ApplicationScoped
public class QueueStatusPusher {

    private static final Logger LOG = Logger.getLogger(QueueStatusPusher.class);

    private final Vertx vertx;
    private final LobbyConnections connections;
    private final PresenceStore presence;
    private final LobbyPushes pushes;
    private final QueueMetrics metrics;
    private final LobbyConfig config;
    // A slow Redis must not pile ticks up: a tick starts only when the previous one is done.
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    public QueueStatusPusher(Vertx vertx, LobbyConnections connections, PresenceStore presence, LobbyPushes pushes,
            QueueMetrics metrics, LobbyConfig config) {
        this.vertx = vertx;
        this.connections = connections;
        this.presence = presence;
        this.pushes = pushes;
        this.metrics = metrics;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(config.statusInterval().toMillis(), id -> tick());
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    private void tick() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        presence.refresh(connections.sids())
                .eventually(() -> running.set(false))
                .subscribe().with(refresh -> {
                    metrics.queueLength(refresh.queueLength());
                    refresh.standings().forEach(this::push);
                }, failure -> LOG.debugf("queue status round skipped: %s", failure.getMessage()));
    }

    private void push(String playerId, Standing standing) {
        PlayerStatus status = standing.record().status();
        PlayerStatus before = connections.told(playerId, status);
        if (status == PlayerStatus.QUEUED || status != before) {
            connections.of(playerId).ifPresent(connection -> pushes.send(connection, pushes.queueStatus(standing))
                    .subscribe().with(ignored -> {}, failure -> {}));
        }
    }
}
