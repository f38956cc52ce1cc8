package dev.arena.loadtest;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** Every figure of one run; touched only on the generator's single event loop, so nothing here is synchronized. */
final class Metrics {

    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);

    final Histogram guestToMatch = histogram();
    final Histogram queueToRoom = histogram();
    final Histogram snapshotInterval = histogram();
    final Histogram inputRoundTrip = histogram();
    final Map<String, Long> errors = new TreeMap<>();
    final Map<Integer, Long> closes = new TreeMap<>();
    long lobbyConnected;
    long gameConnected;
    long inGame;
    long matchesStarted;
    long matchesEnded;
    long snapshots;
    long inputsSent;
    final Set<String> roomsSeen = new HashSet<>();

    private static Histogram histogram() {
        return new Histogram(MAX_MICROS, 3);
    }

    /** Records a duration in microseconds, clamped to the histogram's range so an outlier is never lost. */
    static void record(Histogram histogram, long nanos) {
        histogram.recordValue(Math.min(MAX_MICROS, Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos))));
    }

    void error(String what) {
        errors.merge(what, 1L, Long::sum);
    }

    void close(int code) {
        closes.merge(code, 1L, Long::sum);
    }

    /** p50 and p99 in milliseconds, for the progress line. */
    static String brief(Histogram h) {
        return h.getTotalCount() == 0 ? "-" : String.format("%.1f/%.1f",
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0);
    }

    /** The histogram's summary in milliseconds, for the result file. */
    static Map<String, Object> summary(Histogram h) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", h.getTotalCount());
        if (h.getTotalCount() > 0) {
            for (double p : new double[] {50, 90, 99, 99.9}) {
                out.put("p" + (p == Math.floor(p) ? Integer.toString((int) p) : Double.toString(p)), h.getValueAtPercentile(p) / 1000.0);
            }
            out.put("max", h.getMaxValue() / 1000.0);
            out.put("mean", Math.round(h.getMean()) / 1000.0);
        }
        return out;
    }
}
