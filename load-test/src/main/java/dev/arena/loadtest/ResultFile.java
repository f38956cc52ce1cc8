package dev.arena.loadtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The run's options and figures as JSON (latencies in milliseconds), the form a report or a comparison reads. */
final class ResultFile {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultFile() {}

    static Map<String, Object> content(LoadOptions options, Metrics metrics, double seconds) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("players", options.players());
        run.put("arrivalPerSecond", options.arrivalPerSecond());
        run.put("durationSeconds", options.duration().toSeconds());
        run.put("inputHz", options.inputHz());
        run.put("target", options.target().toString());
        run.put("ranSeconds", Math.round(seconds * 10) / 10.0);
        run.put("cpus", Runtime.getRuntime().availableProcessors());

        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("matchesStarted", metrics.matchesStarted);
        counts.put("matchesEnded", metrics.matchesEnded);
        counts.put("roomsSeen", metrics.roomsSeen.size());
        counts.put("snapshots", metrics.snapshots);
        counts.put("inputsSent", metrics.inputsSent);

        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("guestToMatch", Metrics.summary(metrics.guestToMatch));
        latency.put("queueToRoom", Metrics.summary(metrics.queueToRoom));
        latency.put("snapshotInterval", Metrics.summary(metrics.snapshotInterval));
        latency.put("inputRoundTrip", Metrics.summary(metrics.inputRoundTrip));

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run", run);
        out.put("counts", counts);
        out.put("latencyMs", latency);
        out.put("errors", metrics.errors);
        out.put("closes", metrics.closes);
        return out;
    }

    static void write(Path file, Map<String, Object> content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), content);
    }

    static String pretty(Map<String, Object> content) throws IOException {
        return JSON.writeValueAsString(content);
    }
}
