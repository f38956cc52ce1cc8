package dev.arena.benchmarks;

import dev.arena.game.domain.SnapshotEncoder;
import dev.arena.game.simulation.MatchSimulation;
import dev.arena.model.rules.GameRules;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of one snapshot send of a five-player room in mid-fight: version 1's one encode per
 * room, and that encode plus what Vert.x does per member on top (a text frame is a String, which
 * it encodes to UTF-8 once per connection); version 2's one encode per room, whose bytes the
 * members' frames share.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class SnapshotEncoderBenchmark {

    private static final int PLAYERS = 5;

    private SnapshotEncoder encoder;
    private MatchSimulation match;

    @Setup
    public void fight() {
        match = new MatchSimulation(GameRules.DEFAULTS, 42);
        List<String> roster = new ArrayList<>();
        for (int i = 0; i < PLAYERS; i++) {
            roster.add(UUID.nameUUIDFromBytes(new byte[] {(byte) i}).toString());
        }
        encoder = new SnapshotEncoder(roster, GameRules.DEFAULTS);
        for (int i = 0; i < PLAYERS; i++) {
            int slot = match.join(roster.get(i));
            match.input(slot, 1, i % 2 == 0, i % 2 == 1, false, true, i * 1.1, true);
        }
        // About a second of play: players spread out and a dozen projectiles are in flight.
        for (int t = 0; t < 70; t++) {
            match.step();
        }
    }

    @Benchmark
    public String textOncePerRoom() {
        return encoder.text(match);
    }

    @Benchmark
    public void textAndUtf8PerMember(Blackhole sink) {
        String frame = encoder.text(match);
        for (int i = 0; i < PLAYERS; i++) {
            sink.consume(frame.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Version 2: one array per room, whose bytes every member's frame shares. */
    @Benchmark
    public byte[] binaryOncePerRoom() {
        return encoder.binary(match);
    }
}
