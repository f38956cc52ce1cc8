package dev.arena.loadtest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One latency measured three ways at once: over the whole run, since the last timeline sample,
 * and since the last mark (a capacity step's hold). Recorded only on the generator's event loop.
 */
final class Latency {

    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);

    private final Histogram total = histogram();
    private final Histogram sinceSample = histogram();
    private final Histogram sinceMark = histogram();

    private static Histogram histogram() {
        return new Histogram(MAX_MICROS, 3);
    }

    /** Records a duration, clamped to the histogram's range so an outlier is never lost. */
    void record(long nanos) {
        long micros = Math.min(MAX_MICROS, Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos)));
        total.recordValue(micros);
        sinceSample.recordValue(micros);
        sinceMark.recordValue(micros);
    }

    long count() {
        return total.getTotalCount();
    }

    /** The whole run: count, p50, p90, p99, p99.9, max and mean in milliseconds. */
    Map<String, Object> summary() {
        return summary(total, new double[] {50, 90, 99, 99.9}, true);
    }

    /** Since the previous call: count, p50, p99 and max in milliseconds; starts the next interval. */
    Map<String, Object> takeSample() {
        Map<String, Object> out = summary(sinceSample, new double[] {50, 99}, false);
        sinceSample.reset();
        return out;
    }

    /** Starts a window (a capacity step's hold). */
    void mark() {
        sinceMark.reset();
    }

    /** Since {@link #mark()}: count, p50, p99 and max in milliseconds. */
    Map<String, Object> sinceMark() {
        return summary(sinceMark, new double[] {50, 99}, false);
    }

    /** p99 since {@link #mark()} in milliseconds, or NaN before anything was recorded. */
    double p99SinceMark() {
        return sinceMark.getTotalCount() == 0 ? Double.NaN : sinceMark.getValueAtPercentile(99) / 1000.0;
    }

    /** p50 and p99 of the whole run in milliseconds, for the progress line. */
    String brief() {
        return total.getTotalCount() == 0 ? "-" : String.format("%.1f/%.1f",
                total.getValueAtPercentile(50) / 1000.0, total.getValueAtPercentile(99) / 1000.0);
    }

    private static Map<String, Object> summary(Histogram h, double[] percentiles, boolean mean) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", h.getTotalCount());
        if (h.getTotalCount() > 0) {
            for (double p : percentiles) {
                out.put("p" + (p == Math.floor(p) ? Integer.toString((int) p) : Double.toString(p)), h.getValueAtPercentile(p) / 1000.0);
            }
            out.put("max", h.getMaxValue() / 1000.0);
            if (mean) {
                out.put("mean", Math.round(h.getMean()) / 1000.0);
            }
        }
        return out;
    }
}
