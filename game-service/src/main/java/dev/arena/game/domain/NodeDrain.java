package dev.arena.game.domain;

import dev.arena.game.config.GameConfig;
import dev.arena.game.store.StoreWriter;
import dev.arena.model.codes.CloseCode;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * What SIGTERM does to a node: no intake, the tick stopped, a final snapshot of every running room
 * written, then the heartbeat withdrawn and the sockets closed with 1001. The heartbeat goes only
 * once the final snapshots are stored, because its absence is what makes the matchmaker give the
 * rooms to another node, which restores them from those snapshots; the players follow its
 * {@code match.ready}. Handoffs stay unacknowledged, so with no other node to take them a restart
 * with the same node id resumes the rooms where they stopped. Bounded by {@code arena.game.drain-timeout}.
 */
@ApplicationScoped
public class NodeDrain {

    private static final Logger LOG = Logger.getLogger(NodeDrain.class);
    private static final long CLOSE_POLL_MS = 20;

    private final RoomIntake intake;
    private final NodeAnnouncer announcer;
    private final TickLoop tick;
    private final RoomRegistry registry;
    private final ConnectedPlayers connected;
    private final StoreWriter writer;
    private final Duration timeout;
    private boolean drained;

    public NodeDrain(RoomIntake intake, NodeAnnouncer announcer, TickLoop tick, RoomRegistry registry,
            ConnectedPlayers connected, StoreWriter writer, GameConfig config) {
        this.intake = intake;
        this.announcer = announcer;
        this.tick = tick;
        this.registry = registry;
        this.connected = connected;
        this.writer = writer;
        this.timeout = config.drainTimeout();
    }

    void onShutdown(@Observes @Priority(StopOrder.DRAIN) ShutdownEvent event) throws InterruptedException {
        drain();
    }

    /** Whether the node was drained: it takes no rooms until it is started again. */
    public synchronized boolean isDrained() {
        return drained;
    }

    /** Drains the node once; a second call (the shutdown after a drain) does nothing. */
    public synchronized void drain() throws InterruptedException {
        if (drained) {
            return;
        }
        drained = true;
        long began = System.nanoTime();
        long deadline = began + timeout.toNanos();
        LOG.info("node draining");
        intake.stop();
        tick.halt();

        // The tick thread is done: its rooms are this thread's now.
        Room[] rooms = registry.all();
        long now = System.currentTimeMillis();
        List<RoomSnapshot> last = new ArrayList<>(rooms.length);
        for (Room room : rooms) {
            last.add(room.snapshot(now));
        }
        boolean stored = writer.writeNow(last, remaining(deadline));
        long snapshotsStored = System.nanoTime();
        announcer.leave();
        for (Room room : rooms) {
            // Out of the registry first: a socket opening now is refused (404) and asks the lobby again.
            registry.remove(room);
            room.abandon(CloseCode.GOING_AWAY, "the game node is stopping");
        }
        // The close frames go out on the event loops; give them until the deadline before the server stops.
        while (!connected.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(CLOSE_POLL_MS);
        }
        LOG.infof("node drained: %d rooms, final snapshots %s after %d ms, %s after %d ms", rooms.length,
                stored ? "stored" : "NOT stored", (snapshotsStored - began) / 1_000_000,
                connected.isEmpty() ? "every socket closed" : "some sockets still open", (System.nanoTime() - began) / 1_000_000);
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }
}
