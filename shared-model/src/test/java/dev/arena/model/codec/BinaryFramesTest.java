package dev.arena.model.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arena.model.codes.ErrorCode;
import dev.arena.model.protocol.GameClientMessage;
import dev.arena.model.protocol.GameServerMessage;
import dev.arena.model.protocol.SnapshotPlayer;
import dev.arena.model.protocol.SnapshotProjectile;
import dev.arena.model.rules.GameRules;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The byte layout of version 2's frames as docs/protocol.md gives it, and what a bad frame gets. */
class BinaryFramesTest {

    private static final GameRules RULES = GameRules.DEFAULTS;
    private static final List<String> ROSTER = List.of("p1", "p2");
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void inputHasTheDocumentedBytes() {
        // type 02, seq 17, buttons up|right (0x09), aim 1.57 = round(1.57 / 2π × 32767) = 8188 (0x1ffc)
        byte[] frame = BinaryFrames.encode(new GameClientMessage.Input(17, true, false, false, true, 1.57, false));
        assertEquals("02" + "00000011" + "09" + "1ffc", HEX.formatHex(frame));
    }

    @Test
    void snapshotHasTheDocumentedBytes() {
        GameServerMessage.Snapshot snapshot = new GameServerMessage.Snapshot(1234,
                List.of(new SnapshotPlayer("p2", 800, 450, -Math.PI / 2, 3, 17)),
                List.of(new SnapshotProjectile(7, 1600, 0, 600, -0.4, "p1")));
        assertEquals("01" + "000004d2" + "01" + "0001"
                        + "01" + "8000" + "8000" + "e000" + "0003" + "00000011"
                        + "00000007" + "00" + "ffff" + "0000" + "0258" + "0000",
                HEX.formatHex(BinaryFrames.encode(snapshot, ROSTER, RULES)));
    }

    @Test
    void theSnapshotExampleOfTheProtocolPageIsWhatTheCodecWrites() {
        GameServerMessage example = new MessageCodec().decodeGameServer("{\"t\":\"snap\",\"tick\":1234,\"players\":["
                + "{\"id\":\"p1\",\"x\":100.5,\"y\":200.25,\"aim\":1.5,\"score\":3,\"seq\":17},"
                + "{\"id\":\"p2\",\"x\":0.0,\"y\":900.0,\"aim\":-0.5,\"score\":0,\"seq\":9}],"
                + "\"proj\":[{\"id\":7,\"x\":10.0,\"y\":20.0,\"vx\":600.0,\"vy\":0.0,\"owner\":\"p1\"}]}");
        assertEquals("01000004d2020001" + "00101438f61e8f000300000011" + "010000fffff5d0000000000009"
                + "0000000700019a05b002580000",
                HEX.formatHex(BinaryFrames.encode((GameServerMessage.Snapshot) example, ROSTER, RULES)));
    }

    @Test
    void valuesBeyondTheirFieldAreClamped() {
        GameServerMessage.Snapshot snapshot = new GameServerMessage.Snapshot(1,
                List.of(new SnapshotPlayer("p1", -5, 2000, 0, 70_000, 1L << 40)), List.of());
        SnapshotPlayer read = BinaryFrames.decodeSnapshot(
                ByteBuffer.wrap(BinaryFrames.encode(snapshot, ROSTER, RULES)), ROSTER, RULES).players().get(0);
        assertEquals(new SnapshotPlayer("p1", 0, RULES.arenaHeight(), 0, 0xFFFF, 0xFFFF_FFFFL), read);
    }

    @Test
    void ackIsReadForTheAskedPlayerOnly() {
        byte[] frame = new BinarySnapshotWriter(RULES).begin(5).player(1, 1, 1, 0, 0, 42).player(0, 1, 1, 0, 0, 7)
                .toByteArray();
        assertEquals(7, BinaryFrames.ackOf(ByteBuffer.wrap(frame), 0));
        assertEquals(42, BinaryFrames.ackOf(ByteBuffer.wrap(frame), 1));
        assertEquals(-1, BinaryFrames.ackOf(ByteBuffer.wrap(frame), 2));
        assertEquals(-1, BinaryFrames.ackOf(ByteBuffer.wrap(new byte[] {BinaryFrames.INPUT}), 0));
    }

    @Test
    void aFrameIsReadBetweenPositionAndLimit() {
        byte[] input = BinaryFrames.encodeInput(9, false, false, true, false, 0, true);
        ByteBuffer inside = ByteBuffer.allocate(20).position(5).put(input).flip().position(5);
        assertEquals(new GameClientMessage.Input(9, false, false, true, false, 0, true), BinaryFrames.decodeInput(inside));
    }

    @Test
    void badInputFramesGetTheirErrorCode() {
        assertCode(ErrorCode.UNKNOWN_MESSAGE, "");
        assertCode(ErrorCode.UNKNOWN_MESSAGE, "01000000110000");
        assertCode(ErrorCode.UNKNOWN_MESSAGE, "7f000000110000ff");
        assertCode(ErrorCode.MALFORMED_FRAME, "0200000011001ffc00");
        assertCode(ErrorCode.MALFORMED_FRAME, "020000001100");
        assertCode(ErrorCode.INVALID_VALUE, "0200000011201ffc");
    }

    @Test
    void badSnapshotFramesGetTheirErrorCode() {
        byte[] frame = new BinarySnapshotWriter(RULES).begin(5).player(0, 1, 1, 0, 0, 7).toByteArray();
        ProtocolException shortFrame = assertThrows(ProtocolException.class, () -> BinaryFrames.decodeSnapshot(
                ByteBuffer.wrap(frame, 0, frame.length - 1), ROSTER, RULES));
        assertEquals(ErrorCode.MALFORMED_FRAME, shortFrame.code());
        ProtocolException stranger = assertThrows(ProtocolException.class, () -> BinaryFrames.decodeSnapshot(
                ByteBuffer.wrap(frame), List.of(), RULES));
        assertEquals(ErrorCode.INVALID_VALUE, stranger.code());
    }

    private static void assertCode(ErrorCode code, String hex) {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> BinaryFrames.decodeInput(ByteBuffer.wrap(HEX.parseHex(hex))));
        assertEquals(code, e.code(), hex);
    }
}
