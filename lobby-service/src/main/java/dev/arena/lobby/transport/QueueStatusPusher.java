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
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Tells the queued players held here where they stand (position, wait) about once per status
 * interval (1 s), and marks every player held here online again (sid, TTL) and checks them for a
 * status change nobody pushed once per presence interval (5 s). The work is spread over ten ticks
 * per status interval, each with a tenth of the queued players and its slice of the others: one
 * round per second over thousands of sockets would hold the event loop and Redis long enough to
 * delay the joins of that moment by tens of milliseconds. Each tick is one pipelined
 * round trip, and Redis answers only for the players who have something to be told.
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
    private final AtomicBoolean failing = new AtomicBoolean();
    private long timer = -1;
    private long round;

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
        timer = vertx.setPeriodic(config.statusTick().toMillis(), id -> tick());
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    private void tick() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        presence.refresh(dueThisRound(round++))
                .eventually(() -> running.set(false))
                .subscribe().with(refresh -> {
                    if (failing.getAndSet(false)) {
                        LOG.info("queue status rounds work again");
                    }
                    metrics.queueLength(refresh.queueLength());
                    refresh.numbered().forEach(connections::numbered);
                    refresh.replaced().forEach(connections::replaced);
                    refresh.standings().forEach(this::push);
                }, this::skipped);
    }

    // Said once per streak: a round that keeps failing stops position updates and presence refreshes.
    private void skipped(Throwable failure) {
        if (failing.getAndSet(true)) {
            LOG.debugf("queue status round skipped: %s", failure.getMessage());
        } else {
            LOG.warnf("queue status round skipped (said once until rounds work again): %s", failure.getMessage());
        }
    }

    /** This tick's share of the queued players held here, and the slice of all players whose presence is due. */
    private List<PresenceStore.Online> dueThisRound(long round) {
        int statusSlice = (int) (round % LobbyConfig.STATUS_TICKS);
        return connections.online((int) (round % config.presenceSlices()),
                player -> Math.floorMod(player.hashCode(), LobbyConfig.STATUS_TICKS) == statusSlice);
    }

    private void push(String playerId, Standing standing) {
        PlayerStatus status = standing.record().status();
        PlayerStatus before = connections.told(playerId, status);
        if (status == PlayerStatus.QUEUED || status != before) {
            connections.of(playerId).ifPresent(connection -> pushes.push(connection, pushes.queueStatus(standing)));
        }
    }
}
