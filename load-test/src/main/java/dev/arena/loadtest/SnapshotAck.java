package dev.arena.loadtest;

/**
 * Reads one player's input ack ({@code seq}) out of a {@code snap} frame without decoding it.
 * A bot needs nothing else from the 20 Hz snapshots, and decoding every one of them with the
 * codec (about 3 KB of JSON each, thousands of bots) would make the generator the bottleneck it
 * is meant to measure. Relies on the entry layout docs/protocol.md gives and the game node's
 * encoder writes: {@code {"id":"<player>",...,"seq":<n>}}; any other frame goes through the codec.
 */
final class SnapshotAck {

    private static final String SNAP_PREFIX = "{\"t\":\"snap\"";
    private static final String SEQ = "\"seq\":";

    private SnapshotAck() {}

    static boolean isSnapshot(String frame) {
        return frame.startsWith(SNAP_PREFIX);
    }

    /** The {@code "id":"<player>"} needle a bot searches for, built once per bot. */
    static String needle(String playerId) {
        return "{\"id\":\"" + playerId + "\"";
    }

    /** The player's {@code seq} in this snapshot, or -1 when the frame has no entry for them. */
    static long seqOf(String frame, String needle) {
        int entry = frame.indexOf(needle);
        if (entry < 0) {
            return -1;
        }
        int end = frame.indexOf('}', entry);
        int at = frame.indexOf(SEQ, entry);
        if (at < 0 || (end >= 0 && at > end)) {
            return -1;
        }
        long value = 0;
        boolean digits = false;
        for (int i = at + SEQ.length(); i < frame.length(); i++) {
            char c = frame.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
            digits = true;
        }
        return digits ? value : -1;
    }
}
