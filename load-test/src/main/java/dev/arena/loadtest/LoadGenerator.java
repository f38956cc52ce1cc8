package dev.arena.loadtest;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
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
            long began = System.nanoTime();
            long progress = vertx.setPeriodic(options.progressEvery().toMillis(), id -> printProgress(fleet, metrics));
            fleet.run().toCompletionStage().toCompletableFuture()
                    .get(options.maxRunTime().toMillis() + 10_000, TimeUnit.MILLISECONDS);
            vertx.cancelTimer(progress);
            // Read the figures on the event loop that wrote them, after the last callbacks.
            CompletableFuture<Map<String, Object>> figures = new CompletableFuture<>();
            vertx.runOnContext(v -> figures.complete(ResultFile.content(options, metrics, (System.nanoTime() - began) / 1e9)));
            Map<String, Object> content = figures.get(10, TimeUnit.SECONDS);
            ResultFile.write(options.resultFile(), content);
            System.out.println("load-test result (" + options.resultFile() + "):");
            System.out.println(ResultFile.pretty(content));
            return content;
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static void printProgress(Fleet fleet, Metrics metrics) {
        System.out.printf("[%5.1fs] bots %d/%d active, lobby %d, game sockets %d, in game %d, rooms %d, matches %d, "
                        + "snaps %d, inputs %d, errors %d | p50/p99 ms: room %s, match %s, snap gap %s, input rtt %s%n",
                fleet.elapsedSeconds(), fleet.active(), fleet.started(), metrics.lobbyConnected, metrics.gameConnected,
                metrics.inGame, metrics.roomsSeen.size(), metrics.matchesStarted, metrics.snapshots, metrics.inputsSent,
                metrics.errors.values().stream().mapToLong(Long::longValue).sum(),
                Metrics.brief(metrics.queueToRoom), Metrics.brief(metrics.guestToMatch),
                Metrics.brief(metrics.snapshotInterval), Metrics.brief(metrics.inputRoundTrip));
    }
}
