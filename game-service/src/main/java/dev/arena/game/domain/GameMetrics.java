package dev.arena.game.domain;

import dev.arena.service.metrics.TimerPercentiles;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The node's meters (Prometheus at /q/metrics) and the tick statistics the admin endpoint shows. */
@ApplicationScoped
public class GameMetrics {

    private final Timer tickDuration;
    private final Timer tickLateness;
    private final Timer snapshotWrite;
    private final Timer upgradeToken;
    private final Timer upgradeOpen;
    private final Counter framesIn;
    private final Counter framesOut;
    private final Counter framesThrottled;
    private final Counter inboxDrops;
    private final Counter skippedTicks;
    private final Counter skippedSnapshots;
    private final AtomicInteger rooms = new AtomicInteger();
    private final AtomicInteger connectedPlayers = new AtomicInteger();

    public GameMetrics(MeterRegistry registry) {
        tickDuration = timer(registry, "arena.game.tick.duration", "time one tick of every room of the node takes");
        tickLateness = timer(registry, "arena.game.tick.lateness", "how late a tick starts after its deadline");
        snapshotWrite = timer(registry, "arena.game.snapshot.write", "time to store one batch of match snapshots in Redis");
        upgradeToken = timer(registry, "arena.game.upgrade.token", "time to verify the token of a game-socket upgrade");
        upgradeOpen = timer(registry, "arena.game.upgrade.open",
                "time from a game-socket upgrade's request to its socket joined to the room (waiting for the room included)");
        framesIn = Counter.builder("arena.game.frames.in").description("frames received from game sockets").register(registry);
        framesOut = Counter.builder("arena.game.frames.out").description("frames sent to game sockets").register(registry);
        framesThrottled = Counter.builder("arena.game.frames.throttled")
                .description("frames dropped for exceeding the per-socket rate").register(registry);
        inboxDrops = Counter.builder("arena.game.inbox.drops")
                .description("inputs dropped because a room's inbox was full (oldest first)").register(registry);
        skippedTicks = Counter.builder("arena.game.tick.skipped")
                .description("ticks given up because the loop fell too far behind").register(registry);
        skippedSnapshots = Counter.builder("arena.game.snapshots.skipped")
                .description("snapshots not sent to a socket because its previous one was still being written").register(registry);
        Gauge.builder("arena.game.rooms", rooms, AtomicInteger::get).description("rooms running on this node").register(registry);
        Gauge.builder("arena.game.players.connected", connectedPlayers, AtomicInteger::get)
                .description("game sockets open on this node").register(registry);
    }

    private static Timer timer(MeterRegistry registry, String name, String description) {
        return Timer.builder(name).description(description)
                .publishPercentiles(0.5, 0.99)
                .publishPercentileHistogram()
                .register(registry);
    }

    /** A game-socket upgrade's token verified in {@code nanos}. */
    public void upgradeToken(long nanos) {
        upgradeToken.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A game-socket upgrade's socket joined to its room {@code nanos} after the request came. */
    public void upgradeOpen(long nanos) {
        upgradeOpen.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void tick(long latenessNanos, long durationNanos) {
        tickLateness.record(latenessNanos, TimeUnit.NANOSECONDS);
        tickDuration.record(durationNanos, TimeUnit.NANOSECONDS);
    }

    public void snapshotWritten(long nanos) {
        snapshotWrite.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void frameIn() {
        framesIn.increment();
    }

    public void framesOut(int count) {
        framesOut.increment(count);
    }

    public void snapshotsSkipped(int count) {
        skippedSnapshots.increment(count);
    }

    public void frameThrottled() {
        framesThrottled.increment();
    }

    public void inboxDrop() {
        inboxDrops.increment();
    }

    public void ticksSkipped(long count) {
        skippedTicks.increment(count);
    }

    public void rooms(int count) {
        rooms.set(count);
    }

    public void connected(int delta) {
        connectedPlayers.addAndGet(delta);
    }

    public int connectedPlayers() {
        return connectedPlayers.get();
    }

    public TimerPercentiles tickDuration() {
        return TimerPercentiles.of(tickDuration);
    }

    public TimerPercentiles tickLateness() {
        return TimerPercentiles.of(tickLateness);
    }

    public double inboxDrops() {
        return inboxDrops.count();
    }
}
