package dev.arena.benchmarks;

import dev.arena.game.domain.GameMetrics;
import dev.arena.game.domain.PlayerChannel;
import dev.arena.game.domain.Room;
import dev.arena.game.domain.SnapshotFrame;
import dev.arena.model.codec.MessageCodec;
import dev.arena.model.protocol.GameClientMessage;
import dev.arena.model.protocol.GameProtocol;
import dev.arena.model.protocol.PlayerInfo;
import dev.arena.model.rules.GameRules;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A room's whole tick ({@code Room.tick}, not only the simulation): five players each with a new
 * input in the inbox every tick (the worst case; clients send about 30/s), the simulation step,
 * and every 3rd tick the snapshot encode (in the form of the members' protocol version) and a send
 * to five members (channels that only count: what the transport then does per member is measured
 * by the capacity benchmark).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class RoomBenchmark {

    private static final int PLAYERS = 5;

    private Room room;
    private final List<PlayerChannel> channels = new ArrayList<>();
    private long seq;
    private long tick;

    /** The protocol version of every member's socket: which snapshot form the room encodes. */
    @Param({"V1", "V2"})
    public GameProtocol protocol;

    /** A member's socket that takes every frame and does nothing with it. */
    private record CountingChannel(String playerId, GameProtocol protocol) implements PlayerChannel {
        @Override
        public void send(String frame) {}

        @Override
        public boolean sendLatest(SnapshotFrame frame) {
            return true;
        }

        @Override
        public void sendAndClose(String frame, int code, String reason) {}

        @Override
        public void close(int code, String reason) {}
    }

    @Setup
    public void start() {
        List<PlayerInfo> roster = new ArrayList<>();
        for (int i = 0; i < PLAYERS; i++) {
            roster.add(new PlayerInfo(UUID.nameUUIDFromBytes(new byte[] {(byte) i}).toString(), "P" + i, PlayerInfo.FALLBACK_COLORS));
        }
        long now = System.currentTimeMillis();
        // Long enough that no iteration reaches the match's end (a finished room's tick returns at once).
        long length = TimeUnit.DAYS.toMillis(3650);
        room = new Room("r-bench", "0-0", 1, roster, GameRules.DEFAULTS.withEvenSendRate(), now, now + length, now + length, now,
                64, new MessageCodec(), new GameMetrics(new SimpleMeterRegistry()));
        for (PlayerInfo player : roster) {
            CountingChannel channel = new CountingChannel(player.id(), protocol);
            channels.add(channel);
            room.join(channel);
        }
        room.tick(false);
    }

    @Benchmark
    public boolean tickWithFiveInputs() {
        seq++;
        for (int i = 0; i < PLAYERS; i++) {
            room.offer(channels.get(i), new GameClientMessage.Input(seq, i % 2 == 0, i % 2 == 1, seq % 40 < 20, seq % 40 >= 20,
                    (seq % 628) / 100.0 - 3.14, seq % 8 == 0));
        }
        return room.tick(++tick % GameRules.DEFAULTS.ticksPerSnapshot() == 0);
    }
}
