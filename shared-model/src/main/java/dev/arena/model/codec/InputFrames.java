package dev.arena.model.codec;

import dev.arena.model.protocol.GameClientMessage;

/**
 * The {@code in} frame, which every player sends about 30 times a second, read and written without
 * Jackson. {@link #read} takes only the canonical form every client writes (the fields in the
 * record's order, no whitespace: what {@link #write} and {@link MessageCodec#encode} give, and what
 * the browser's {@code JSON.stringify} gives) and answers null for anything else, which
 * {@link MessageCodec} then reads the general way: both paths accept and refuse the same frames,
 * and the common one allocates nothing but the record.
 */
public final class InputFrames {

    private static final String PREFIX = "{\"t\":\"in\",\"seq\":";
    private static final String UP = ",\"up\":";
    private static final String DOWN = ",\"down\":";
    private static final String LEFT = ",\"left\":";
    private static final String RIGHT = ",\"right\":";
    private static final String AIM = ",\"aim\":";
    private static final String FIRE = ",\"fire\":";
    /** Digits of a sequence number that cannot overflow a long. */
    private static final int MAX_SEQ_DIGITS = 18;
    /** Up to 15 significant digits times an exact power of ten up to 1e22 is correctly rounded (Clinger's fast path). */
    private static final int MAX_EXACT_DIGITS = 15;
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private InputFrames() {}

    /** Appends the frame of an input to {@code out} (which is returned), as {@link MessageCodec#encode} writes it. */
    public static StringBuilder write(StringBuilder out, long seq, boolean up, boolean down, boolean left, boolean right,
            double aim, boolean fire) {
        return out.append(PREFIX).append(seq).append(UP).append(up).append(DOWN).append(down).append(LEFT).append(left)
                .append(RIGHT).append(right).append(AIM).append(aim).append(FIRE).append(fire).append('}');
    }

    /** The input of a canonical {@code in} frame, or null when {@code frame} is anything else (or an invalid input). */
    public static GameClientMessage.Input read(CharSequence frame) {
        Cursor at = new Cursor(frame);
        if (!at.skip(PREFIX)) {
            return null;
        }
        long seq = at.sequenceNumber();
        if (seq < 0 || !at.skip(UP)) {
            return null;
        }
        int up = at.bool();
        if (up < 0 || !at.skip(DOWN)) {
            return null;
        }
        int down = at.bool();
        if (down < 0 || !at.skip(LEFT)) {
            return null;
        }
        int left = at.bool();
        if (left < 0 || !at.skip(RIGHT)) {
            return null;
        }
        int right = at.bool();
        if (right < 0 || !at.skip(AIM)) {
            return null;
        }
        double aim = at.number();
        if (!Double.isFinite(aim) || !at.skip(FIRE)) {
            return null;
        }
        int fire = at.bool();
        if (fire < 0 || !at.skip("}") || !at.atEnd()) {
            return null;
        }
        return new GameClientMessage.Input(seq, up == 1, down == 1, left == 1, right == 1, aim, fire == 1);
    }

    /** A position in the frame; every reader answers a "not canonical" value instead of throwing. */
    private static final class Cursor {

        private final CharSequence text;
        private int pos;

        Cursor(CharSequence text) {
            this.text = text;
        }

        boolean atEnd() {
            return pos == text.length();
        }

        boolean skip(String expected) {
            int length = expected.length();
            if (pos + length > text.length()) {
                return false;
            }
            for (int i = 0; i < length; i++) {
                if (text.charAt(pos + i) != expected.charAt(i)) {
                    return false;
                }
            }
            pos += length;
            return true;
        }

        /** A JSON integer without sign or leading zero that fits a long; -1 otherwise. */
        long sequenceNumber() {
            int start = pos;
            long value = 0;
            while (pos < text.length() && isDigit(text.charAt(pos))) {
                value = value * 10 + (text.charAt(pos) - '0');
                pos++;
            }
            int digits = pos - start;
            if (digits == 0 || digits > MAX_SEQ_DIGITS || (digits > 1 && text.charAt(start) == '0')) {
                return -1;
            }
            return value;
        }

        /** 1 for {@code true}, 0 for {@code false}, -1 for anything else. */
        int bool() {
            if (skip("true")) {
                return 1;
            }
            return skip("false") ? 0 : -1;
        }

        /** A JSON number (RFC 8259 grammar); NaN when the text is not one. */
        double number() {
            int start = pos;
            boolean negative = pos < text.length() && text.charAt(pos) == '-';
            if (negative) {
                pos++;
            }
            int intStart = pos;
            long mantissa = 0;
            int significant = 0;
            while (pos < text.length() && isDigit(text.charAt(pos))) {
                significant = accumulate(text.charAt(pos), mantissa, significant);
                mantissa = significant <= MAX_EXACT_DIGITS ? mantissa * 10 + (text.charAt(pos) - '0') : mantissa;
                pos++;
            }
            int intDigits = pos - intStart;
            if (intDigits == 0 || (intDigits > 1 && text.charAt(intStart) == '0')) {
                return Double.NaN;
            }
            int exponent = 0;
            if (pos < text.length() && text.charAt(pos) == '.') {
                pos++;
                int fractionStart = pos;
                while (pos < text.length() && isDigit(text.charAt(pos))) {
                    significant = accumulate(text.charAt(pos), mantissa, significant);
                    if (significant <= MAX_EXACT_DIGITS) {
                        mantissa = mantissa * 10 + (text.charAt(pos) - '0');
                        exponent--;
                    }
                    pos++;
                }
                if (pos == fractionStart) {
                    return Double.NaN;
                }
            }
            if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
                pos++;
                boolean negativeExponent = false;
                if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                    negativeExponent = text.charAt(pos) == '-';
                    pos++;
                }
                int expStart = pos;
                int written = 0;
                while (pos < text.length() && isDigit(text.charAt(pos))) {
                    written = Math.min(written * 10 + (text.charAt(pos) - '0'), 100_000);
                    pos++;
                }
                if (pos == expStart) {
                    return Double.NaN;
                }
                exponent += negativeExponent ? -written : written;
            }
            if (significant <= MAX_EXACT_DIGITS && Math.abs(exponent) < POWERS_OF_TEN.length) {
                double value = exponent < 0 ? mantissa / POWERS_OF_TEN[-exponent] : mantissa * POWERS_OF_TEN[exponent];
                return negative ? -value : value;
            }
            // Rare (17-digit doubles, large exponents): the JDK's correctly rounded parse.
            return Double.parseDouble(text.subSequence(start, pos).toString());
        }

        /** Counts significant digits: leading zeros of the mantissa are not significant. */
        private static int accumulate(char digit, long mantissa, int significant) {
            return mantissa == 0 && digit == '0' && significant == 0 ? 0 : significant + 1;
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }
    }
}
