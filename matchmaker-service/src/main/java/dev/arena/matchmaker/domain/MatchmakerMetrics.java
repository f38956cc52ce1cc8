package dev.arena.matchmaker.domain;

import dev.arena.model.state.RoomState;
import dev.arena.service.metrics.TimerPercentiles;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The matchmaker's Micrometer meters: join-to-room time, assignments, batch sizes, node reports, queue length, rooms per state. */
@ApplicationScoped
public class MatchmakerMetrics {

    private final Timer joinToRoom;
    private final Counter assignments;
    private final DistributionSummary batchSize;
    private final Counter nodeReports;
    private final Counter staleNodeReports;
    private final Counter roomsTakenOver;
    private final AtomicLong queueLength = new AtomicLong();
    private final Map<RoomState, AtomicLong> roomsByState = new EnumMap<>(RoomState.class);

    public MatchmakerMetrics(MeterRegistry registry) {
        this.joinToRoom = Timer.builder("arena.matchmaker.join.to.room")
                .description("Time from the lobby's enqueue of a join event to the player's placement in a room")
                .publishPercentiles(0.5, 0.95, 0.99)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        this.assignments = Counter.builder("arena.matchmaker.assignments")
                .description("Players placed in a room").register(registry);
        this.batchSize = DistributionSummary.builder("arena.matchmaker.join.batch.size")
                .description("Join and leave events per batch the join consumer placed: small under light load, "
                        + "and each batch has fixed costs (a notice per changed room, the script calls)")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        this.nodeReports = Counter.builder("arena.matchmaker.node.reports")
                .description("Game nodes' reports (room running, player arrived, match ended) applied or found stale").register(registry);
        this.staleNodeReports = Counter.builder("arena.matchmaker.node.reports.stale")
                .description("Game nodes' reports about a grant no longer current (the room was reverted, dissolved or granted again)")
                .register(registry);
        this.roomsTakenOver = Counter.builder("arena.matchmaker.rooms.taken.over")
                .description("Rooms of a game node whose heartbeat lapsed, granted to another node").register(registry);
        Gauge.builder("arena.matchmaker.queue.length", queueLength, AtomicLong::get)
                .description("Players waiting in players_queue (refreshed by the sweep)").register(registry);
        for (RoomState state : RoomState.values()) {
            AtomicLong count = new AtomicLong();
            roomsByState.put(state, count);
            Gauge.builder("arena.matchmaker.rooms", count, AtomicLong::get).tag("state", state.wire())
                    .description("Rooms the matchmaker still acts on, per state (refreshed by the sweep)").register(registry);
        }
    }

    /** One player placed, {@code enqueuedAt} (epoch ms) being the lobby's time of the join. */
    public void assigned(long enqueuedAt, long now) {
        assignments.increment();
        joinToRoom.record(Math.max(0, now - enqueuedAt), TimeUnit.MILLISECONDS);
    }

    /** Queue to room (the lobby's enqueue to the placement) over the recent window, for operators. */
    public TimerPercentiles joinToRoom() {
        return TimerPercentiles.of(joinToRoom);
    }

    /** Rooms of lost nodes granted to live ones since start. */
    public long roomsTakenOver() {
        return (long) roomsTakenOver.count();
    }

    /** One batch of {@code events} join and leave events handled. */
    public void batch(int events) {
        batchSize.record(events);
    }

    /** {@code reports} game-node reports handled, {@code stale} of them about a grant no longer current. */
    public void nodeReports(int reports, int stale) {
        nodeReports.increment(reports);
        staleNodeReports.increment(stale);
    }

    /** {@code rooms} rooms of lost nodes granted to live ones. */
    public void roomsTakenOver(int rooms) {
        roomsTakenOver.increment(rooms);
    }

    public void queueLength(long length) {
        queueLength.set(length);
    }

    /** Replaces the per-state room counts with a fresh listing. */
    public void rooms(List<RoomSummary> rooms) {
        Map<RoomState, Long> counts = new EnumMap<>(RoomState.class);
        rooms.forEach(room -> counts.merge(room.state(), 1L, Long::sum));
        roomsByState.forEach((state, gauge) -> gauge.set(counts.getOrDefault(state, 0L)));
    }
}
