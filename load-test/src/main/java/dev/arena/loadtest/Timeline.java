package dev.arena.loadtest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run over time: every progress interval, what the bots measured since the previous sample
 * and what the services' metrics say, printed as the progress line and kept for the result file.
 */
final class Timeline {

    private final Fleet fleet;
    private final Metrics metrics;
    private final ServiceProbe probe;
    private final List<Map<String, Object>> samples = new ArrayList<>();

    Timeline(Fleet fleet, Metrics metrics, ServiceProbe probe) {
        this.fleet = fleet;
        this.metrics = metrics;
        this.probe = probe;
    }

    List<Map<String, Object>> samples() {
        return samples;
    }

    /** Takes one sample (the services' part arrives asynchronously) and prints it. */
    void sample() {
        Map<String, Object> sample = new LinkedHashMap<>();
        sample.put("t", Math.round(fleet.elapsedSeconds() * 10) / 10.0);
        sample.put("bots", fleet.active());
        sample.put("started", fleet.started());
        sample.put("lobbySockets", metrics.lobbyConnected);
        sample.put("gameSockets", metrics.gameConnected);
        sample.put("inGame", metrics.inGame);
        sample.put("rooms", metrics.roomsSeen.size());
        sample.put("errors", metrics.errorCount());
        metrics.sampled().forEach((name, latency) -> sample.put(name, latency.takeSample()));
        sample.put("generatorCpu", metrics.generatorCpu.takeSample());
        samples.add(sample);
        probe.sample().onComplete(services -> {
            sample.put("services", services.succeeded() ? services.result() : Map.of());
            print(sample);
        });
    }

    private void print(Map<String, Object> s) {
        StringBuilder line = new StringBuilder(String.format(
                "[%5.1fs] bots %s/%s, lobby %s, game sockets %s, in game %s, rooms %s, errors %s | last interval p50/p99 ms: "
                        + "snap gap %s, input rtt %s, queue->room %s | generator cpu %.2f",
                s.get("t"), s.get("bots"), s.get("started"), s.get("lobbySockets"), s.get("gameSockets"), s.get("inGame"),
                s.get("rooms"), s.get("errors"), brief(s.get("snapshotIntervalMs")), brief(s.get("inputRoundTripMs")),
                brief(s.get("queueToRoomMs")), (Double) s.get("generatorCpu")));
        if (s.get("services") instanceof Map<?, ?> services) {
            services.forEach((name, figures) -> line.append(" | ").append(name).append(' ').append(figures));
        }
        System.out.println(line);
    }

    private static String brief(Object summary) {
        return summary instanceof Map<?, ?> map && map.get("p50") != null ? map.get("p50") + "/" + map.get("p99") : "-";
    }
}
