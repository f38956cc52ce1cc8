package dev.arena.model.rules;

/**
 * Bounds on a game input ({@code in}) beyond the codec's type checks, the same for every node and
 * client: a finite but huge aim only loses precision in cos/sin, and a {@code seq} that leaps
 * ahead (to 2^62, say) would make every later input of the connection look old.
 */
public final class InputLimits {

    /** The largest aim accepted either way, in radians: one full turn, 2π. */
    public static final double MAX_AIM = 2 * Math.PI;

    /** How far an input's {@code seq} may jump ahead of the connection's previous one. */
    public static final long MAX_SEQ_JUMP = 10_000;

    private InputLimits() {}

    /** Whether {@code aim} is within [−{@link #MAX_AIM}, {@link #MAX_AIM}] (false for NaN). */
    public static boolean aimWithinLimit(double aim) {
        return aim >= -MAX_AIM && aim <= MAX_AIM;
    }

    /** Whether {@code seq} follows {@code previousSeq} of the same connection without leaping too far. */
    public static boolean seqWithinJump(long seq, long previousSeq) {
        return seq - previousSeq <= MAX_SEQ_JUMP;
    }
}
