package dev.arena.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Entry point: runs the bots on one event loop, prints progress, writes the result file and a summary. */
public final class LoadGenerator {

    private LoadGenerator() {}

    public static void main(String[] args) throws Exception {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("load-test: " + e.getMessage());
            System.exit(2);
            return;
        }
        run(options);
        // Vert.x leaves non-daemon threads behind for a moment; the run is over.
        System.exit(0);
    }

    /** Runs one load and returns what the result file holds. */
    static Map<String, Object> run(LoadOptions options) throws Exception {
        // One event loop: every bot's callbacks run on one thread, so the generator needs one core.
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        try {
            Metrics metrics = new Metrics();
            Fleet fleet = new Fleet(vertx, options, metrics);
            ServiceProbe probe = new ServiceProbe(vertx, options.metrics());
            Timeline timeline = new Timeline(fleet, metrics, probe);
            CapacityRamp ramp = options.capacity() ? new CapacityRamp(vertx, options, metrics, fleet, probe) : null;
            FailoverDrill drill = options.failover() ? new FailoverDrill(vertx, options, metrics, fleet) : null;
            RollingRestart rolling = options.rolling() ? new RollingRestart(vertx, options, metrics, fleet) : null;
            Instant startedAt = Instant.now();
            long began = System.nanoTime();
            probe.sample(); // the baseline of the first timeline sample
            long sampling = vertx.setPeriodic(options.progressEvery().toMillis(), id -> timeline.sample());
            Future<Void> fleetDone = fleet.run();
            if (ramp != null) {
                ramp.run();
            }
            if (drill != null) {
                drill.run();
            }
            if (rolling != null) {
                rolling.run();
            }
            fleetDone.toCompletionStage().toCompletableFuture()
                    .get(options.maxRunTime().toMillis() + 10_000, TimeUnit.MILLISECONDS);
            vertx.cancelTimer(sampling);
            // Read the figures on the event loop that wrote them, after the last callbacks.
            CompletableFuture<Map<String, Object>> figures = new CompletableFuture<>();
            vertx.runOnContext(v -> figures.complete(
                    ResultFile.content(options, metrics, timeline, ramp, drill, rolling, startedAt, (System.nanoTime() - began) / 1e9)));
            Map<String, Object> content = figures.get(10, TimeUnit.SECONDS);
            ResultFile.write(options.resultFile(), content);
            System.out.println("load-test result (" + options.resultFile() + "):");
            System.out.println(ResultFile.pretty(ResultFile.withoutTimeline(content)));
            return content;
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
