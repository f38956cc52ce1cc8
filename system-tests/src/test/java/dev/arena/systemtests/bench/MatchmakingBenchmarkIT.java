package dev.arena.systemtests.bench;

import org.junit.jupiter.api.Test;

/**
 * Runs {@link MatchmakingBenchmark} under failsafe, only with {@code -Pbench} (the default build
 * excludes this package). Not a timed test: it asserts nothing about the figures.
 */
class MatchmakingBenchmarkIT {

    @Test
    void measure() throws Exception {
        MatchmakingBenchmark.main(new String[0]);
    }
}
