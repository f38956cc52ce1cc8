package dev.arena.loadtest;

import dev.arena.model.codes.CloseCode;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The rolling scenario's deploy: once the players are in their matches ({@code rollAfter}), each
 * game node in turn gets SIGTERM (its drain hands its matches to the other nodes), is started
 * again with the restart command (what an operator's rolling restart does), and the next one
 * follows once its node is back and a pause has let the players settle. The players' side (how
 * long each went without snapshots, who never got back) is measured by the bots
 * ({@link Metrics#interruption}).
 */
final class RollingRestart {

    /** Between one node back and the next SIGTERM: the moved players reconnect and play on first. */
    private static final long SETTLE_MS = 10_000;
    /**
     * A drain hands over in tens of milliseconds and the JVM exits about two seconds after the
     * signal; a node still up after this is reported as such.
     */
    private static final long EXIT_WAIT_SECONDS = 60;
    private static final long EXIT_POLL_MS = 10;

    private final Vertx vertx;
    private final LoadOptions options;
    private final Metrics metrics;
    private final Fleet fleet;
    private final List<Map<String, Object>> restarts = new ArrayList<>();
    private long playersThen;

    RollingRestart(Vertx vertx, LoadOptions options, Metrics metrics, Fleet fleet) {
        this.vertx = vertx;
        this.options = options;
        this.metrics = metrics;
        this.fleet = fleet;
    }

    void run() {
        vertx.setTimer(options.rollAfter().toMillis(), id -> {
            playersThen = metrics.inGame;
            restart(new ArrayList<>(options.rollNodes().keySet()));
        });
    }

    // On the event loop: counts the node's players, then signals and restarts it on the worker.
    private void restart(List<String> nodes) {
        if (nodes.isEmpty() || fleet.stopping()) {
            return;
        }
        String nodeId = nodes.remove(0);
        // Its players' way back is timed from the signal, as the failover times it from the kill.
        int players = fleet.failover(nodeId, System.nanoTime());
        metrics.interruption.mark();
        metrics.killToSnapshot.mark();
        vertx.<Map<String, Object>>executeBlocking(() -> signalAndRestart(nodeId, players), false)
                .onComplete(done -> {
                    Map<String, Object> row = done.succeeded() ? done.result() : failed(nodeId, players, done.cause());
                    // This node's players are back by now (the restart takes longer than their move).
                    row.put("interruptionMs", metrics.interruption.sinceMark());
                    row.put("signalToFirstSnapshotMs", metrics.killToSnapshot.sinceMark());
                    restarts.add(row);
                    System.out.printf("rolling restart: %s%n", row);
                    vertx.setTimer(SETTLE_MS, id -> restart(nodes));
                });
    }

    private Map<String, Object> signalAndRestart(String nodeId, int players) throws Exception {
        long pid = Long.parseLong(Files.readString(options.rollNodes().get(nodeId)).strip());
        ProcessHandle node = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no process " + pid));
        long signalled = System.nanoTime();
        Instant signalledAt = Instant.now();
        node.destroy(); // SIGTERM: the node drains
        // Polled here: onExit() of a process that is not our child notices the exit a second or two late.
        long giveUp = signalled + TimeUnit.SECONDS.toNanos(EXIT_WAIT_SECONDS);
        while (node.isAlive() && System.nanoTime() < giveUp) {
            Thread.sleep(EXIT_POLL_MS);
        }
        long exited = System.nanoTime();
        int status = startAgain();
        long back = System.nanoTime();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("node", nodeId);
        row.put("playersOnNode", players);
        row.put("drainToExitMs", Math.round((exited - signalled) / 1e6));
        row.put("exited", !node.isAlive());
        row.put("restartMs", Math.round((back - exited) / 1e6));
        row.put("restartExitStatus", status);
        row.put("signalledAt", signalledAt.toString());
        return row;
    }

    private int startAgain() throws IOException, InterruptedException {
        Path log = options.resultFile().toAbsolutePath().resolveSibling("rolling-restart.log");
        Process process = new ProcessBuilder(options.restartCommand().toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return process.waitFor();
    }

    private static Map<String, Object> failed(String nodeId, int players, Throwable cause) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("node", nodeId);
        row.put("playersOnNode", players);
        row.put("failed", String.valueOf(cause));
        return row;
    }

    /** The figures of the restarts and of the players they moved, for the result file. */
    Map<String, Object> result() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rolledAfterSeconds", options.rollAfter().toSeconds());
        out.put("playersInMatches", playersThen);
        out.put("restarts", restarts);
        // A player moved by both restarts counts twice: these are interruptions, not players.
        long notBack = fleet.stillInterrupted() + metrics.interruptedMatchesLost;
        out.put("interruptions", metrics.interruption.count() + notBack);
        out.put("playersNotBack", notBack);
        out.put("matchesCalledOff", metrics.closes.getOrDefault(CloseCode.MATCH_CANCELLED, 0L));
        out.put("interruptionMs", metrics.interruption.summary());
        out.put("signalToMatchReadyMs", metrics.killToMatchReady.summary());
        out.put("signalToGameSocketMs", metrics.killToGameSocket.summary());
        out.put("signalToFirstSnapshotMs", metrics.killToSnapshot.summary());
        return out;
    }
}
