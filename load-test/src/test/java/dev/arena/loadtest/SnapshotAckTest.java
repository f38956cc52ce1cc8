package dev.arena.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arena.model.codec.MessageCodec;
import dev.arena.model.protocol.GameServerMessage;
import dev.arena.model.protocol.SnapshotPlayer;
import dev.arena.model.protocol.SnapshotProjectile;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generator's shortcut reads the same ack the codec would, from frames as the protocol writes them. */
class SnapshotAckTest {

    private static final MessageCodec CODEC = new MessageCodec();

    @Test
    void readsEachPlayersSeqFromAFrameTheCodecWrites() {
        Buffer frame = Buffer.buffer(CODEC.encode(new GameServerMessage.Snapshot(1234, List.of(
                new SnapshotPlayer("p1", 100.5, 200.25, 1.5, 3, 17),
                new SnapshotPlayer("p12", 0, 900, -0.5, 0, 9)),
                List.of(new SnapshotProjectile(7, 10, 20, 600, 0, "p1")))));

        assertTrue(SnapshotAck.isSnapshot(frame), frame::toString);
        assertEquals(17, SnapshotAck.seqOf(frame, SnapshotAck.needle("p1")));
        assertEquals(9, SnapshotAck.seqOf(frame, SnapshotAck.needle("p12")));
    }

    @Test
    void aPlayerMissingFromTheFrameHasNoAck() {
        Buffer frame = Buffer.buffer("{\"t\":\"snap\",\"tick\":1,\"players\":[{\"id\":\"p2\",\"x\":1.0,\"y\":2.0,\"aim\":0.0,\"score\":0,\"seq\":4}],"
                + "\"proj\":[{\"id\":3,\"x\":1.0,\"y\":1.0,\"vx\":0.0,\"vy\":0.0,\"owner\":\"p1\"}]}");

        assertEquals(-1, SnapshotAck.seqOf(frame, SnapshotAck.needle("p1")));
    }

    @Test
    void otherFramesAreNotSnapshots() {
        assertFalse(SnapshotAck.isSnapshot(Buffer.buffer("{\"t\":\"end\",\"roomId\":\"r\",\"scores\":[]}")));
        assertFalse(SnapshotAck.isSnapshot(Buffer.buffer("{\"t\":\"err\",\"code\":\"invalid_value\",\"message\":\"x\"}")));
    }
}
