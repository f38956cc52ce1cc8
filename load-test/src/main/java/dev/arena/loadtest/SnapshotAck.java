package dev.arena.loadtest;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads one player's input ack ({@code seq}) out of a {@code snap} frame's bytes, without turning
 * them into text or decoding them. A bot needs nothing else from the 20 Hz snapshots, and decoding
 * each of them (thousands of bots) would make the generator the bottleneck it is meant to measure.
 * Relies on the entry layout docs/protocol.md gives and the game node's encoder writes:
 * {@code {"id":"<player>",...,"seq":<n>}}; any other frame goes through the codec.
 */
final class SnapshotAck {

    private static final byte[] SNAP_PREFIX = bytes("{\"t\":\"snap\"");
    private static final byte[] SEQ = bytes("\"seq\":");
    private static final byte[] ENTRY_END = bytes("}");

    private SnapshotAck() {}

    static boolean isSnapshot(Buffer frame) {
        return startsWith(frame, 0, SNAP_PREFIX);
    }

    /** The {@code "id":"<player>"} needle a bot searches for, built once per bot. */
    static byte[] needle(String playerId) {
        return bytes("{\"id\":\"" + playerId + "\"");
    }

    /** The player's {@code seq} in this snapshot, or -1 when the frame has no entry for them. */
    static long seqOf(Buffer frame, byte[] needle) {
        int entry = indexOf(frame, needle, 0);
        if (entry < 0) {
            return -1;
        }
        int at = indexOf(frame, SEQ, entry + needle.length);
        int end = indexOf(frame, ENTRY_END, entry);
        if (at < 0 || (end >= 0 && end < at)) {
            return -1;
        }
        long value = 0;
        boolean digits = false;
        for (int i = at + SEQ.length; i < frame.length(); i++) {
            byte c = frame.getByte(i);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
            digits = true;
        }
        return digits ? value : -1;
    }

    private static int indexOf(Buffer frame, byte[] needle, int from) {
        byte first = needle[0];
        for (int i = from, last = frame.length() - needle.length; i <= last; i++) {
            if (frame.getByte(i) == first && startsWith(frame, i, needle)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(Buffer frame, int at, byte[] prefix) {
        if (at + prefix.length > frame.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (frame.getByte(at + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
