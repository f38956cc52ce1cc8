package dev.arena.loadtest.report;

import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Number formatting of the report: ms with one decimal, counts as "1,000", "–" for a missing value. */
final class Fmt {

    static final String MISSING = "–";

    private static final DecimalFormatSymbols SYMBOLS = DecimalFormatSymbols.getInstance(Locale.US);

    private Fmt() {}

    private static DecimalFormat format(String pattern) {
        DecimalFormat format = new DecimalFormat(pattern, SYMBOLS);
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format;
    }

    /** Milliseconds, one decimal: "83.1". */
    static String ms(Double value) {
        return value == null ? MISSING : format("0.0").format(value);
    }

    /** A count, rounded, with thousands separators: "1,000". */
    static String count(Double value) {
        return value == null ? MISSING : format("#,##0").format(value);
    }

    /** A fraction of one core as a percentage: 0.45 gives "45%". */
    static String percent(Double fraction) {
        return fraction == null ? MISSING : format("#,##0").format(fraction * 100) + "%";
    }

    /** A threshold as written in a sentence: 75 gives "75", 2.5 gives "2.5". */
    static String plain(Double value) {
        return value == null ? MISSING : format("#,##0.###").format(value);
    }

    /** Several ms values in one cell: "50.0 / 70.0 / 90.0". */
    static String msList(Double... values) {
        StringBuilder out = new StringBuilder();
        for (Double value : values) {
            if (out.length() > 0) {
                out.append(" / ");
            }
            out.append(ms(value));
        }
        return out.toString();
    }
}
