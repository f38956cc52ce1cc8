package dev.arena.loadtest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One reading of a service's {@code /q/metrics} (Prometheus text format), and what two readings of
 * the same service say about the time between them: tick lateness and duration percentiles from
 * the histograms' bucket counts, CPU from the process's CPU time, heap and players from gauges.
 */
final class PrometheusScrape {

    private static final String TICK_LATENESS = "arena_game_tick_lateness_seconds";
    private static final String TICK_DURATION = "arena_game_tick_duration_seconds";
    private static final String UPGRADE_TOKEN = "arena_game_upgrade_token_seconds";
    private static final String UPGRADE_OPEN = "arena_game_upgrade_open_seconds";
    private static final String CPU_TIME = "process_cpu_time_ns_total";
    private static final String HEAP_USED = "jvm_memory_used_bytes{area=\"heap\"";
    private static final String PLAYERS = "arena_game_players_connected";

    /** Sample lines by their full name with labels ({@code name{a="b"}}), as the service wrote them. */
    private final Map<String, Double> samples;
    private final long atNanos;

    private PrometheusScrape(Map<String, Double> samples, long atNanos) {
        this.samples = samples;
        this.atNanos = atNanos;
    }

    static PrometheusScrape parse(String text, long atNanos) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            int space = line.lastIndexOf(' ');
            if (space <= 0) {
                continue;
            }
            try {
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            } catch (NumberFormatException e) {
                // A value this reader does not need (NaN is parsed; anything else is skipped).
            }
        }
        return new PrometheusScrape(samples, atNanos);
    }

    boolean isAfter(PrometheusScrape other) {
        return atNanos > other.atNanos;
    }

    static PrometheusScrape newer(PrometheusScrape a, PrometheusScrape b) {
        return b.isAfter(a) ? b : a;
    }

    /** What happened between {@code earlier} and this reading; only the figures the service exposes. */
    Map<String, Object> since(PrometheusScrape earlier) {
        Map<String, Object> out = new LinkedHashMap<>();
        putIfKnown(out, "tickLatenessP99Ms", p99Ms(TICK_LATENESS, earlier));
        putIfKnown(out, "tickDurationP99Ms", p99Ms(TICK_DURATION, earlier));
        // Only when game sockets were upgraded between the readings: what a crowd or a takeover costs the node.
        putIfKnown(out, "upgradeTokenP99Ms", p99Ms(UPGRADE_TOKEN, earlier));
        putIfKnown(out, "upgradeOpenP99Ms", p99Ms(UPGRADE_OPEN, earlier));
        Double cpu = samples.get(CPU_TIME);
        Double cpuBefore = earlier.samples.get(CPU_TIME);
        double seconds = (atNanos - earlier.atNanos) / 1e9;
        if (cpu != null && cpuBefore != null && seconds > 0) {
            out.put("cpu", round((cpu - cpuBefore) / 1e9 / seconds, 1000));
        }
        double heap = 0;
        boolean anyHeap = false;
        for (Map.Entry<String, Double> sample : samples.entrySet()) {
            if (sample.getKey().startsWith(HEAP_USED)) {
                heap += sample.getValue();
                anyHeap = true;
            }
        }
        if (anyHeap) {
            out.put("heapUsedMb", round(heap / (1024 * 1024), 10));
        }
        Double players = samples.get(PLAYERS);
        if (players != null) {
            out.put("players", Math.round(players));
        }
        return out;
    }

    /**
     * The 99th percentile of a Micrometer timer between two readings, in milliseconds: the upper
     * bound of the bucket that holds it (Micrometer's buckets are about a third apart around a
     * millisecond), or NaN when the service has no such timer or nothing was recorded between.
     */
    private double p99Ms(String timer, PrometheusScrape earlier) {
        String prefix = timer + "_bucket{";
        List<double[]> buckets = new ArrayList<>(); // {upper bound in seconds, count between the readings}
        for (Map.Entry<String, Double> sample : samples.entrySet()) {
            String key = sample.getKey();
            if (!key.startsWith(prefix)) {
                continue;
            }
            int le = key.indexOf("le=\"");
            if (le < 0) {
                continue;
            }
            String bound = key.substring(le + 4, key.indexOf('"', le + 4));
            double upper = "+Inf".equals(bound) ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
            buckets.add(new double[] {upper, sample.getValue() - earlier.samples.getOrDefault(key, 0.0)});
        }
        if (buckets.isEmpty()) {
            return Double.NaN;
        }
        buckets.sort((a, b) -> Double.compare(a[0], b[0]));
        double total = buckets.get(buckets.size() - 1)[1]; // the buckets are cumulative: +Inf holds every count
        if (total <= 0) {
            return Double.NaN;
        }
        double highestFinite = Double.NaN;
        for (double[] bucket : buckets) {
            if (Double.isInfinite(bucket[0])) {
                break;
            }
            highestFinite = bucket[0];
            if (bucket[1] >= 0.99 * total) {
                return round(bucket[0] * 1000, 1000);
            }
        }
        // Beyond the last finite bucket (30 s for Micrometer timers): report that bound, JSON has no infinity.
        return round(highestFinite * 1000, 1000);
    }

    private static void putIfKnown(Map<String, Object> out, String name, double value) {
        if (!Double.isNaN(value)) {
            out.put(name, value);
        }
    }

    private static double round(double value, int per) {
        return Math.round(value * per) / (double) per;
    }
}
