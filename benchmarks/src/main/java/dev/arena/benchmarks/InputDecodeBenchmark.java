package dev.arena.benchmarks;

import dev.arena.model.codec.BinaryFrames;
import dev.arena.model.codec.InputFrames;
import dev.arena.model.codec.MessageCodec;
import dev.arena.model.protocol.GameClientMessage;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Decoding the 30 Hz {@code in} frame: the canonical form every client writes through
 * {@code MessageCodec.decodeGameClient} (its {@link InputFrames} fast path), with an aim rounded
 * to 3 decimals as clients send it and with a full 17-digit aim, and the same input with
 * whitespace, which only Jackson reads; and protocol version 2's 8-byte binary frame as the game
 * socket reads it ({@code BinaryFrames.decodeInput} of a copy of the frame's bytes).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class InputDecodeBenchmark {

    private static final String ROUNDED_AIM =
            "{\"t\":\"in\",\"seq\":123456,\"up\":true,\"down\":false,\"left\":false,\"right\":true,\"aim\":-1.571,\"fire\":false}";
    private static final String FULL_AIM =
            "{\"t\":\"in\",\"seq\":123456,\"up\":true,\"down\":false,\"left\":false,\"right\":true,\"aim\":-1.5707963267948966,\"fire\":false}";
    private static final String SPACED =
            "{ \"t\": \"in\", \"seq\": 123456, \"up\": true, \"down\": false, \"left\": false, \"right\": true, \"aim\": -1.571, \"fire\": false }";

    private static final byte[] BINARY = BinaryFrames.encodeInput(123456, true, false, false, true, -1.571, false);

    private final MessageCodec codec = new MessageCodec();

    @Benchmark
    public GameClientMessage canonicalRoundedAim() {
        return codec.decodeGameClient(ROUNDED_AIM);
    }

    @Benchmark
    public GameClientMessage canonicalFullAim() {
        return codec.decodeGameClient(FULL_AIM);
    }

    @Benchmark
    public GameClientMessage jacksonGeneralPath() {
        return codec.decodeGameClient(SPACED);
    }

    @Benchmark
    public GameClientMessage binaryVersion2() {
        return BinaryFrames.decodeInput(ByteBuffer.wrap(BINARY.clone()));
    }
}
