package dev.arena.matchmaker.domain;

import java.util.concurrent.ThreadLocalRandom;

/**
 * New room ids that sort by creation time as plain strings (zero-padded epoch ms, then a random
 * suffix against collisions between matchmakers), so "ties: the oldest room" is the smallest id.
 * Letters, digits and '-' only, as room ids end up in keys and URLs.
 */
public final class RoomIds {

    private static final int SUFFIX_LENGTH = 8;
    private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

    private RoomIds() {}

    /** An id for a room created at {@code epochMillis}. */
    public static String at(long epochMillis) {
        StringBuilder id = new StringBuilder(13 + 1 + SUFFIX_LENGTH);
        String millis = Long.toString(epochMillis);
        id.append("0".repeat(Math.max(0, 13 - millis.length()))).append(millis).append('-');
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
