package dev.arena.game.domain;

import dev.arena.game.config.GameConfig;
import dev.arena.game.store.NodeEventStore;
import dev.arena.model.events.NodeEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jboss.logging.Logger;

/**
 * Sends the node's reports to the matchmaker ({@code game:events}) from a thread of its own, in
 * order and in batches: a crowd's arrivals ride together in one pipelined round trip instead of a
 * write per socket from the event loops. Also settles each room's arrivals when they are due
 * ({@link Arrivals}). Callers never block; a failed batch is sent again on the next round.
 */
@ApplicationScoped
public class NodeReporter {

    private static final Logger LOG = Logger.getLogger(NodeReporter.class);
    /** How often reports leave: short next to the arrival window, long enough for a crowd's to share a batch. */
    private static final Duration ROUND = Duration.ofMillis(50);
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(5);

    private final Queue<NodeEvent> queued = new ConcurrentLinkedQueue<>();
    private final NodeEventStore store;
    private final RoomRegistry registry;
    private final String nodeId;
    private final List<NodeEvent> unsent = new ArrayList<>();
    private volatile boolean running;
    private Thread thread;

    public NodeReporter(NodeEventStore store, RoomRegistry registry, GameConfig config) {
        this.store = store;
        this.registry = registry;
        this.nodeId = config.nodeId();
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "game-node-reports");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(STORE_TIMEOUT.toMillis());
        }
    }

    /** Queues a report; it leaves within a round, after every report queued before it. Never blocks. */
    public void report(NodeEvent event) {
        queued.add(event);
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(ROUND.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            round(System.currentTimeMillis());
        }
        round(System.currentTimeMillis()); // what was queued before the stop
    }

    private void round(long now) {
        for (Room room : registry.all()) {
            List<String> arrived = room.arrivals().settleIfDue(now);
            if (arrived != null) {
                queued.add(NodeEvent.settled(room.id(), nodeId, room.epoch(), arrived));
            }
        }
        NodeEvent event;
        while ((event = queued.poll()) != null) {
            unsent.add(event);
        }
        if (unsent.isEmpty()) {
            return;
        }
        try {
            store.report(unsent).await().atMost(STORE_TIMEOUT);
            unsent.clear();
        } catch (RuntimeException e) {
            LOG.warnf("%d reports of node %s not sent, retrying: %s", unsent.size(), nodeId, e.toString());
        }
    }
}
