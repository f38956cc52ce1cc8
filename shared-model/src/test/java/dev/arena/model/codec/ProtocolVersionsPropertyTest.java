package dev.arena.model.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arena.model.protocol.GameClientMessage;
import dev.arena.model.protocol.GameServerMessage;
import dev.arena.model.protocol.PlayerInfo;
import dev.arena.model.protocol.SnapshotPlayer;
import dev.arena.model.protocol.SnapshotProjectile;
import dev.arena.model.rules.GameRules;
import dev.arena.model.rules.InputLimits;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Both versions of the game protocol round-trip every message over random states: version 1 (JSON)
 * exactly; version 2 (binary {@code snap} and {@code in}) within its quantization, and a decoded
 * frame encodes to the same bytes. The seed of a failing round is in the message.
 */
class ProtocolVersionsPropertyTest {

    private static final int ROUNDS = 2_000;
    private static final GameRules RULES = RandomMessages.RULES;
    // Half a quantization step each way, with room for the doubles' own rounding.
    private static final double X_ERROR = RULES.arenaWidth() / 0xFFFF / 2 + 1e-9;
    private static final double Y_ERROR = RULES.arenaHeight() / 0xFFFF / 2 + 1e-9;
    private static final double AIM_ERROR = InputLimits.MAX_AIM / Short.MAX_VALUE / 2 + 1e-9;

    private final MessageCodec codec = new MessageCodec();

    @Test
    void version1RoundTripsEveryGameMessageExactly() {
        for (long seed = 0; seed < ROUNDS; seed++) {
            RandomMessages random = new RandomMessages(seed);
            List<PlayerInfo> roster = random.roster();
            GameServerMessage.Snapshot snapshot = random.snapshot(roster);
            assertEquals(snapshot, codec.decodeGameServer(codec.encode(snapshot)), "seed " + seed);
            GameClientMessage.Input input = random.input();
            assertEquals(input, codec.decodeGameClient(codec.encode(input)), "seed " + seed);
            Object text = random.textMessage(roster);
            Object decoded = text instanceof GameClientMessage
                    ? codec.decodeGameClient(codec.encode(text)) : codec.decodeGameServer(codec.encode(text));
            assertEquals(text, decoded, "seed " + seed);
        }
    }

    @Test
    void version2RoundTripsSnapshotsWithinTheirQuantization() {
        for (long seed = 0; seed < ROUNDS; seed++) {
            RandomMessages random = new RandomMessages(seed);
            List<PlayerInfo> roster = random.roster();
            List<String> ids = roster.stream().map(PlayerInfo::id).toList();
            GameServerMessage.Snapshot sent = random.snapshot(roster);
            byte[] frame = BinaryFrames.encode(sent, ids, RULES);
            assertEquals(BinaryFrames.SNAPSHOT_HEADER_BYTES + sent.players().size() * BinaryFrames.PLAYER_BYTES
                    + sent.proj().size() * BinaryFrames.PROJECTILE_BYTES, frame.length, "seed " + seed);
            GameServerMessage.Snapshot read = BinaryFrames.decodeSnapshot(ByteBuffer.wrap(frame), ids, RULES);

            assertEquals(sent.tick(), read.tick(), "seed " + seed);
            assertEquals(sent.players().size(), read.players().size(), "seed " + seed);
            for (int i = 0; i < sent.players().size(); i++) {
                SnapshotPlayer a = sent.players().get(i);
                SnapshotPlayer b = read.players().get(i);
                String where = "seed " + seed + ", player " + i;
                assertEquals(a.id(), b.id(), where);
                assertEquals(a.x(), b.x(), X_ERROR, where);
                assertEquals(a.y(), b.y(), Y_ERROR, where);
                assertEquals(a.aim(), b.aim(), AIM_ERROR, where);
                assertEquals(a.score(), b.score(), where);
                assertEquals(a.seq(), b.seq(), where);
                assertEquals(a.seq(), BinaryFrames.ackOf(ByteBuffer.wrap(frame), ids.indexOf(a.id())), where);
            }
            assertEquals(sent.proj().size(), read.proj().size(), "seed " + seed);
            for (int i = 0; i < sent.proj().size(); i++) {
                SnapshotProjectile a = sent.proj().get(i);
                SnapshotProjectile b = read.proj().get(i);
                String where = "seed " + seed + ", projectile " + i;
                assertEquals(a.id(), b.id(), where);
                assertEquals(a.owner(), b.owner(), where);
                assertEquals(a.x(), b.x(), X_ERROR, where);
                assertEquals(a.y(), b.y(), Y_ERROR, where);
                assertEquals(a.vx(), b.vx(), 0.5, where);
                assertEquals(a.vy(), b.vy(), 0.5, where);
            }
            assertArrayEquals(frame, BinaryFrames.encode(read, ids, RULES), "seed " + seed + ": decoded and encoded again");
        }
    }

    @Test
    void version2RoundTripsInputsWithinTheirQuantization() {
        for (long seed = 0; seed < ROUNDS; seed++) {
            GameClientMessage.Input sent = new RandomMessages(seed).input();
            byte[] frame = BinaryFrames.encode(sent);
            assertEquals(BinaryFrames.INPUT_BYTES, frame.length);
            GameClientMessage.Input read = BinaryFrames.decodeInput(ByteBuffer.wrap(frame));
            String where = "seed " + seed;
            assertEquals(sent.seq(), read.seq(), where);
            assertEquals(List.of(sent.up(), sent.down(), sent.left(), sent.right(), sent.fire()),
                    List.of(read.up(), read.down(), read.left(), read.right(), read.fire()), where);
            assertEquals(sent.aim(), read.aim(), AIM_ERROR, where);
            assertTrue(InputLimits.aimWithinLimit(read.aim()), where);
            assertArrayEquals(frame, BinaryFrames.encode(read), where + ": decoded and encoded again");
        }
    }
}
