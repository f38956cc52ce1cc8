package dev.arena.game.domain;

import dev.arena.game.config.GameConfig;
import dev.arena.game.store.StoreWriter;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jboss.logging.Logger;

/**
 * The node's one scheduler: a dedicated platform thread that ticks every room every
 * {@code tickMs}, parking until absolute deadlines (so lateness does not accumulate), and
 * measures how late each tick starts and how long it takes. Rooms are stepped one after the
 * other on this thread, which is the only one touching their state: no thread per room.
 */
@ApplicationScoped
public class TickLoop {

    private static final Logger LOG = Logger.getLogger(TickLoop.class);

    // Beyond this many periods behind (a long GC pause, a stopped VM) the loop gives up the
    // missed ticks instead of running them back to back: the match then runs a little slower.
    private static final long MAX_BEHIND_PERIODS = 4;

    private final RoomRegistry registry;
    private final GameMetrics metrics;
    private final StoreWriter writer;
    private final long periodNanos;
    private final int ticksPerSnapshot;
    private final long snapshotIntervalNanos;
    private volatile boolean running;
    private Thread thread;

    public TickLoop(RoomRegistry registry, GameMetrics metrics, StoreWriter writer, GameConfig config) {
        this.registry = registry;
        this.metrics = metrics;
        this.writer = writer;
        this.periodNanos = TimeUnit.MILLISECONDS.toNanos(config.tickMs());
        this.ticksPerSnapshot = config.rules().ticksPerSnapshot();
        this.snapshotIntervalNanos = config.snapshotInterval().toNanos();
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "game-tick");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Stops ticking and waits for the tick thread to finish its tick; the rooms are then left as
     * they are, for the drain to snapshot and close from the calling thread.
     */
    public void halt() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        }
    }

    private void run() {
        long next = System.nanoTime() + periodNanos;
        int ticksSinceSend = 0;
        long sinceSnapshot = 0;
        while (running) {
            long start = System.nanoTime();
            while (start < next && running) {
                LockSupport.parkNanos(next - start);
                start = System.nanoTime();
            }
            if (!running) {
                break;
            }
            // A whole number of ticks apart, so snapshots leave at one even interval.
            boolean send = ++ticksSinceSend >= ticksPerSnapshot;
            if (send) {
                ticksSinceSend = 0;
            }
            sinceSnapshot += periodNanos;
            boolean snapshot = sinceSnapshot >= snapshotIntervalNanos;
            if (snapshot) {
                sinceSnapshot -= snapshotIntervalNanos;
            }
            tickRooms(send, snapshot);
            long end = System.nanoTime();
            metrics.tick(start - next, end - start);
            next += periodNanos;
            long behind = end - next;
            if (behind > MAX_BEHIND_PERIODS * periodNanos) {
                long skipped = behind / periodNanos;
                next += skipped * periodNanos;
                metrics.ticksSkipped(skipped);
            }
        }
    }

    private void tickRooms(boolean send, boolean snapshot) {
        Room[] rooms = registry.all();
        long now = 0;
        for (Room room : rooms) {
            boolean over;
            try {
                over = room.tick(send);
            } catch (RuntimeException e) {
                // One broken room must not stop the others: it ends with what it has.
                LOG.errorf(e, "room %s failed in its tick; ending it", room.id());
                room.fail();
                over = true;
            }
            if (over || snapshot) {
                now = now == 0 ? System.currentTimeMillis() : now;
            }
            if (over) {
                // Out of the registry first, so a socket opening now either is in the room's final
                // commands or sees the room gone (see GameSocket#open).
                registry.remove(room);
                if (room.isCalledOff()) {
                    room.closeCalledOff();
                    if (room.isMovedAway()) {
                        writer.matchMovedAway(room.id(), room.handoffEntryId());
                    } else {
                        writer.matchCalledOff(room.id(), room.matchId(), room.handoffEntryId(), now);
                    }
                } else {
                    writer.matchEnded(room.finish(now));
                }
            } else if (snapshot) {
                writer.snapshot(room.snapshot(now));
            }
        }
    }
}
