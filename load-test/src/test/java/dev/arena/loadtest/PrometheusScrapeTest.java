package dev.arena.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two readings of a service's metrics give the figures of the time between them. */
class PrometheusScrapeTest {

    private static String reading(long under1ms, long under2ms, long total, double cpuNanos) {
        return """
                # HELP arena_game_tick_lateness_seconds how late a tick starts after its deadline
                # TYPE arena_game_tick_lateness_seconds histogram
                arena_game_tick_lateness_seconds_bucket{le="0.001"} %d
                arena_game_tick_lateness_seconds_bucket{le="0.002"} %d
                arena_game_tick_lateness_seconds_bucket{le="0.03"} %d
                arena_game_tick_lateness_seconds_bucket{le="+Inf"} %d
                arena_game_tick_lateness_seconds_count %d
                process_cpu_time_ns_total %s
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.048576E7
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2.097152E7
                jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 5.0E7
                arena_game_players_connected 250.0
                """.formatted(under1ms, under2ms, total, total, total, Double.toString(cpuNanos));
    }

    @Test
    void theTickLatenessPercentileCountsOnlyTicksBetweenTheReadings() {
        // Before: 10,000 ticks all under 1 ms. Between: 100 more ticks, 2 of them later than 2 ms.
        PrometheusScrape before = PrometheusScrape.parse(reading(10_000, 10_000, 10_000, 1e9), 0);
        PrometheusScrape after = PrometheusScrape.parse(reading(10_090, 10_098, 10_100, 1.5e9), 2_000_000_000L);

        Map<String, Object> figures = after.since(before);

        assertEquals(30.0, figures.get("tickLatenessP99Ms"), "2 of 100 ticks beyond 2 ms put p99 in the 30 ms bucket");
        assertEquals(0.25, figures.get("cpu"), "0.5 s of CPU in 2 s is a quarter of a core");
        assertEquals(30.0, figures.get("heapUsedMb"), "heap pools only");
        assertEquals(250L, figures.get("players"));
    }

    @Test
    void aQuietIntervalHasNoPercentileAndAServiceWithoutTheTimerNone() {
        PrometheusScrape first = PrometheusScrape.parse(reading(5, 5, 5, 0), 0);
        PrometheusScrape same = PrometheusScrape.parse(reading(5, 5, 5, 0), 1_000_000_000L);
        PrometheusScrape lobby = PrometheusScrape.parse("process_cpu_time_ns_total 1.0E9\n", 0);

        assertFalse(same.since(first).containsKey("tickLatenessP99Ms"));
        assertFalse(lobby.since(lobby).containsKey("tickLatenessP99Ms"));
    }
}
