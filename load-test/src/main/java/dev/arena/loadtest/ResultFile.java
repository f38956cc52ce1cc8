package dev.arena.loadtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.arena.model.codes.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The run's options and figures as JSON (latencies in milliseconds), the form a report or a comparison reads. */
final class ResultFile {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultFile() {}

    /**
     * What one run measured; {@code ramp} is null unless the scenario is capacity, {@code drill} unless
     * it is failover, {@code rolling} unless it is rolling.
     */
    static Map<String, Object> content(LoadOptions options, Metrics metrics, Timeline timeline, CapacityRamp ramp,
            FailoverDrill drill, RollingRestart rolling, Instant startedAt, double seconds) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("scenario", options.scenario());
        run.put("startedAt", startedAt.toString());
        run.put("players", options.players());
        run.put("arrivalPerSecond", options.arrivalPerSecond());
        run.put("durationSeconds", options.duration().toSeconds());
        run.put("inputHz", options.inputHz());
        run.put("target", options.target().toString());
        run.put("ranSeconds", Math.round(seconds * 10) / 10.0);
        run.put("cpus", Runtime.getRuntime().availableProcessors());
        if (options.capacity()) {
            run.put("rampStep", options.rampStep());
            run.put("stepHoldSeconds", options.stepHold().toSeconds());
            run.put("warmupSeconds", options.warmup().toSeconds());
        }
        run.put("protocol", options.protocol().subprotocol());
        run.put("machine", Machine.describe());
        run.put("pinning", options.pinning());
        run.put("command", options.command());

        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("matchesStarted", metrics.matchesStarted);
        counts.put("matchesEnded", metrics.matchesEnded);
        counts.put("roomsSeen", metrics.roomsSeen.size());
        counts.put("snapshots", metrics.snapshots);
        counts.put("snapshotBytesMean", metrics.snapshots == 0 ? 0 : Math.round(10.0 * metrics.snapshotBytes / metrics.snapshots) / 10.0);
        counts.put("inputsSent", metrics.inputsSent);

        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("guestToMatch", metrics.guestToMatch.summary());
        latency.put("queueToRoom", metrics.queueToRoom.summary());
        latency.put("snapshotInterval", metrics.snapshotInterval.summary());
        latency.put("inputRoundTrip", metrics.inputRoundTrip.summary());

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run", run);
        out.put("counts", counts);
        out.put("latencyMs", latency);
        out.put("errors", metrics.errors);
        out.put("closes", metrics.closes);
        out.put("timeline", timeline.samples());
        if (ramp != null) {
            out.put("steps", ramp.steps());
            out.put("capacity", ramp.result());
        }
        if (drill != null) {
            out.put("failover", drill.result());
        }
        if (rolling != null) {
            out.put("rolling", rolling.result());
        }
        if (LoadOptions.BURST.equals(options.scenario())) {
            Map<String, Object> burst = new LinkedHashMap<>();
            burst.put("players", options.players());
            burst.put("assigned", metrics.firstQueueToRoom.count());
            burst.put("queueToRoomMs", metrics.firstQueueToRoom.summary());
            burst.put("queueToRoomPerSecond", Math.round(metrics.firstPlacementsPerSecond() * 10) / 10.0);
            burst.put("started", metrics.firstQueueToStart.count());
            burst.put("queueToStartMs", metrics.firstQueueToStart.summary());
            burst.put("playingPerSecond", Math.round(metrics.firstStartsPerSecond() * 10) / 10.0);
            burst.put("arrivalTimeouts", metrics.errors.getOrDefault("lobby err " + ErrorCode.ARRIVAL_TIMEOUT.wire(), 0L));
            burst.put("upgradesRefusedNotAdmitted", metrics.botsRefused - metrics.botsRefusedThenAdmitted);
            out.put("burst", burst);
        }
        return out;
    }

    static void write(Path file, Map<String, Object> content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), content);
    }

    /** The content without its timeline, which is too long to print. */
    static Map<String, Object> withoutTimeline(Map<String, Object> content) {
        Map<String, Object> out = new LinkedHashMap<>(content);
        out.remove("timeline");
        return out;
    }

    static String pretty(Map<String, Object> content) throws IOException {
        return JSON.writeValueAsString(content);
    }
}
