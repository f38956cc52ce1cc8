package dev.arena.game.domain;

import dev.arena.game.config.GameConfig;
import dev.arena.game.store.NodeRegistryStore;
import dev.arena.game.store.PlayerPresenceStore;
import dev.arena.model.events.NodeLoad;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keeps the node visible to the matchmaker (heartbeat and load every heartbeat interval, with the leases of
 * its rooms, see {@link RoomWatch}) and its connected players online (their hashes' TTL), on a
 * thread of its own so a slow Redis delays only this; withdraws the node when it drains.
 */
@ApplicationScoped
public class NodeAnnouncer {

    private static final Logger LOG = Logger.getLogger(NodeAnnouncer.class);

    private final NodeRegistryStore nodes;
    private final PlayerPresenceStore presence;
    private final RoomRegistry rooms;
    private final ConnectedPlayers connected;
    private final RoomWatch watch;
    private final GameConfig config;
    private final ScheduledExecutorService chores = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "game-node-announcer");
        thread.setDaemon(true);
        return thread;
    });

    public NodeAnnouncer(NodeRegistryStore nodes, PlayerPresenceStore presence, RoomRegistry rooms,
            ConnectedPlayers connected, RoomWatch watch, GameConfig config) {
        this.nodes = nodes;
        this.presence = presence;
        this.rooms = rooms;
        this.connected = connected;
        this.watch = watch;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        long beat = config.heartbeatInterval().toMillis();
        long refresh = config.presenceRefresh().toMillis();
        chores.scheduleAtFixedRate(this::announce, 0, beat, TimeUnit.MILLISECONDS);
        chores.scheduleAtFixedRate(this::refreshPresence, refresh, refresh, TimeUnit.MILLISECONDS);
    }

    private void announce() {
        try {
            nodes.announce(config.nodeId(), new NodeLoad(rooms.all().length, rooms.players(), config.capacity()),
                    config.heartbeatTtl());
        } catch (RuntimeException e) {
            LOG.warnf("heartbeat of node %s failed: %s", config.nodeId(), e.toString());
        }
        try {
            watch.check();
        } catch (RuntimeException e) {
            LOG.warnf("lease refresh of node %s failed: %s", config.nodeId(), e.toString());
        }
    }

    private void refreshPresence() {
        try {
            presence.refresh(connected.players());
        } catch (RuntimeException e) {
            LOG.warnf("presence refresh failed: %s", e.toString());
        }
    }

    /** Stops announcing and withdraws the heartbeat: no new room comes, and the matchmaker gives the node's rooms to others. */
    public void leave() throws InterruptedException {
        chores.shutdown();
        chores.awaitTermination(2, TimeUnit.SECONDS);
        try {
            nodes.withdraw(config.nodeId());
        } catch (RuntimeException e) {
            LOG.warnf("node %s could not withdraw its heartbeat: %s", config.nodeId(), e.toString());
        }
    }
}
