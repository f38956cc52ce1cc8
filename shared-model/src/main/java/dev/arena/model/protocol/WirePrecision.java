package dev.arena.model.protocol;

/**
 * How many decimals the numbers of a {@code snap} carry: enough for smooth motion and for a client
 * to reconcile its prediction (a hundredth of a pixel, a thousandth of a radian), and few enough
 * that a node writes them as fixed-point digits, without the cost of printing a double in full,
 * and that frames stay short. Clients may round their input's aim to {@link #AIM} decimals too:
 * the node reads such a short number faster than a double printed in full.
 */
public final class WirePrecision {

    /** Decimals of positions (pixels). */
    public static final int POSITION = 2;
    /** Decimals of an aim (radians). */
    public static final int AIM = 3;
    /** Decimals of a projectile's velocity (pixels per second). */
    public static final int VELOCITY = 2;

    private static final long[] SCALE = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

    private WirePrecision() {}

    /** {@code value} rounded to {@code decimals}, as it travels. */
    public static double round(double value, int decimals) {
        long scale = SCALE[decimals];
        return Math.round(value * scale) / (double) scale;
    }

    /**
     * Appends {@code value} rounded to {@code decimals} (returns {@code out}): the same text
     * {@code Double.toString} gives for {@link #round}'s result (at least one decimal, no trailing
     * zeros), written from integer digits. For the magnitudes of a match (below 10^7).
     */
    public static StringBuilder append(StringBuilder out, double value, int decimals) {
        long scale = SCALE[decimals];
        long units = Math.round(value * scale);
        if (units < 0) {
            out.append('-');
            units = -units;
        }
        out.append(units / scale).append('.');
        long fraction = units % scale;
        if (fraction == 0) {
            return out.append('0');
        }
        for (long digit = scale / 10; digit > fraction; digit /= 10) {
            out.append('0');
        }
        while (fraction % 10 == 0) {
            fraction /= 10;
        }
        return out.append(fraction);
    }
}
