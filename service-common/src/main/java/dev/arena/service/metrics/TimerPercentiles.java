package dev.arena.service.metrics;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.util.concurrent.TimeUnit;

/**
 * A timer's p50, p99 and max in milliseconds over Micrometer's sliding window (about 2 minutes),
 * and its count since start: what the admin endpoints show. The timer must publish the 0.5 and
 * 0.99 percentiles; a percentile it does not publish reads 0.
 */
public record TimerPercentiles(double p50Ms, double p99Ms, double maxMs, long count) {

    public static TimerPercentiles of(Timer timer) {
        double p50 = 0;
        double p99 = 0;
        for (ValueAtPercentile value : timer.takeSnapshot().percentileValues()) {
            if (value.percentile() == 0.5) {
                p50 = value.value(TimeUnit.MILLISECONDS);
            } else if (value.percentile() == 0.99) {
                p99 = value.value(TimeUnit.MILLISECONDS);
            }
        }
        return new TimerPercentiles(p50, p99, timer.max(TimeUnit.MILLISECONDS), timer.count());
    }
}
