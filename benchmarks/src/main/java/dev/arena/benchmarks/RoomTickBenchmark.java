package dev.arena.benchmarks;

import dev.arena.game.simulation.MatchSimulation;
import dev.arena.model.rules.GameRules;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One room's tick as the node runs it: {@link MatchSimulation#step()} with five players moving
 * and firing all the time, so projectiles fly, hit and respawn players in every measured tick.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class RoomTickBenchmark {

    private static final int PLAYERS = 5;
    // A long match, so no iteration reaches its end (an ended match stops stepping).
    private static final GameRules RULES = GameRules.DEFAULTS.withMatchLengthMs(24L * 3600 * 1000);

    private MatchSimulation match;
    private long seq;

    @Setup(Level.Iteration)
    public void startMatch() {
        match = new MatchSimulation(RULES, 42);
        for (int i = 0; i < PLAYERS; i++) {
            match.join("player-" + i);
        }
        seq = 0;
    }

    /** New inputs every tick (clients send at about 30 Hz; every tick is the worst case), then one step. */
    @Benchmark
    public long tickWithFivePlayersFiring() {
        seq++;
        for (int slot = 0; slot < PLAYERS; slot++) {
            // Each player circles and aims at the arena's centre region, so shots cross and hit.
            int phase = (int) ((seq / 40 + slot) & 3);
            match.input(slot, seq, phase == 0, phase == 2, phase == 3, phase == 1, (seq * 0.05 + slot * 1.3) % (2 * Math.PI),
                    true);
        }
        match.step();
        return match.tick();
    }
}
