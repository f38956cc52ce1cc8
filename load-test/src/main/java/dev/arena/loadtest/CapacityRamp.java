package dev.arena.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The capacity scenario: admits players in steps, waits until a step's players are in matches,
 * holds the step and measures it (snapshot interval and input round trip at the bots, the game
 * node's tick lateness from its metrics), and stops at the first step over DESIGN.md's capacity
 * targets (snapshot interval and input round trip) or at the last step. Tick lateness has a target
 * of its own in DESIGN.md (at 1,000 players): each step says whether it is met, without stopping.
 * A step where the generator could not keep its own pace (its core near saturation, or fewer
 * inputs per bot than asked) measured the generator, not the node: it is marked driver-bound and
 * ends the ramp without counting. Each step reports the node's CPU per 1,000 players and, given the
 * node's pid, its resident memory per player. Runs on the generator's event loop.
 */
final class CapacityRamp {

    /** DESIGN.md's targets for a game node: snapshot interval p99, input round trip p99, tick lateness p99 (ms). */
    static final double SNAPSHOT_INTERVAL_P99_MS = 75;
    static final double INPUT_ROUND_TRIP_P99_MS = 100;
    static final double TICK_LATENESS_P99_MS = 2;
    /** Players that may still wait when a step is settled: a room below 3 waits for more (2), plus a little slack. */
    private static final int SETTLE_SLACK = 4;
    /** A step where fewer of its players reach a match than this share did not hold its load. */
    private static final double MIN_IN_GAME_SHARE = 0.9;
    private static final long POLL_MS = 500;
    /** The generator is saturated from this share of its core on: its timers and reads fall behind. */
    static final double GENERATOR_SATURATED_CPU = 0.9;
    /** Below this share of the asked input rate, the generator did not keep its pace. */
    static final double MIN_INPUT_RATE_SHARE = 0.95;

    private final Vertx vertx;
    private final LoadOptions options;
    private final Metrics metrics;
    private final Fleet fleet;
    private final ServiceProbe probe;
    private final List<Map<String, Object>> steps = new ArrayList<>();
    private final Promise<Void> done = Promise.promise();
    private int maxWithinTargets;
    private int maxTickWithinTarget;
    private boolean tickMissed;
    private String stoppedBecause = "not run";
    private long baselineResidentBytes = -1;

    CapacityRamp(Vertx vertx, LoadOptions options, Metrics metrics, Fleet fleet, ServiceProbe probe) {
        this.vertx = vertx;
        this.options = options;
        this.metrics = metrics;
        this.fleet = fleet;
        this.probe = probe;
    }

    /** Starts the first step on the event loop; completes when the ramp is over (and has stopped the fleet). */
    Future<Void> run() {
        baselineResidentBytes = ProcessStats.residentBytes(options.nodePid());
        vertx.runOnContext(v -> step(Math.min(options.rampStep(), options.players())));
        return done.future();
    }

    /** The steps measured so far and the verdict, for the result file. */
    Map<String, Object> result() {
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("snapshotIntervalP99Ms", SNAPSHOT_INTERVAL_P99_MS);
        targets.put("inputRoundTripP99Ms", INPUT_ROUND_TRIP_P99_MS);
        targets.put("tickLatenessP99Ms", TICK_LATENESS_P99_MS);
        Map<String, Object> capacity = new LinkedHashMap<>();
        capacity.put("targets", targets);
        capacity.put("maxPlayersWithinTargets", maxWithinTargets);
        capacity.put("maxPlayersTickWithinTarget", maxTickWithinTarget);
        capacity.put("stoppedBecause", stoppedBecause);
        return capacity;
    }

    List<Map<String, Object>> steps() {
        return steps;
    }

    private void step(int players) {
        if (fleet.stopping()) {
            finish("the run time was over during the step to " + players + " players");
            return;
        }
        System.out.printf("capacity: step to %d players%n", players);
        fleet.admit(players);
        long settleBy = System.nanoTime() + options.stepSettle().toNanos();
        long poll = vertx.setPeriodic(POLL_MS, id -> {
            boolean settled = fleet.started() >= players && metrics.inGame >= players - Math.min(SETTLE_SLACK, players / 4);
            if (settled || System.nanoTime() >= settleBy || fleet.stopping()) {
                vertx.cancelTimer(id);
                if (steps.isEmpty() && !options.warmup().isZero()) {
                    System.out.printf("capacity: %d players warm the node up for %d s (not measured)%n", players,
                            options.warmup().toSeconds());
                    vertx.setTimer(options.warmup().toMillis(), t -> hold(players));
                } else {
                    hold(players);
                }
            }
        });
        if (poll < 0) {
            finish("could not poll");
        }
    }

    private void hold(int players) {
        if (fleet.stopping()) {
            finish("the run time was over during the step to " + players + " players");
            return;
        }
        metrics.sampled().values().forEach(Latency::mark);
        metrics.generatorCpu.mark();
        long inGameBefore = metrics.inGame;
        long inputsBefore = metrics.inputsSent;
        double edgeBefore = ProcessStats.cpuSeconds(options.edgePids());
        probe.mark().onComplete(marked -> {
            long began = System.nanoTime();
            vertx.setTimer(options.stepHold().toMillis(), id -> probe.sinceMark().onComplete(services ->
                    measured(players, Math.min(inGameBefore, metrics.inGame), (System.nanoTime() - began) / 1e9,
                            metrics.inputsSent - inputsBefore, edgeBefore, services.succeeded() ? services.result() : Map.of())));
        });
    }

    private void measured(int players, long inGame, double heldSeconds, long inputs, double edgeBefore,
            Map<String, Object> services) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("players", players);
        step.put("inGame", inGame);
        step.put("holdSeconds", Math.round(heldSeconds * 10) / 10.0);
        metrics.sampled().forEach((name, latency) -> step.put(name, latency.sinceMark()));
        double generatorCpu = metrics.generatorCpu.sinceMark();
        double inputsPerBot = inGame == 0 || heldSeconds <= 0 ? 0 : inputs / heldSeconds / inGame;
        boolean driverBound = generatorCpu >= GENERATOR_SATURATED_CPU || inputsPerBot < MIN_INPUT_RATE_SHARE * options.inputHz();
        step.put("generatorCpu", generatorCpu);
        step.put("inputsPerBotPerSecond", Math.round(inputsPerBot * 10) / 10.0);
        step.put("driverBound", driverBound);
        step.put("services", services);
        nodeFigures(step, inGame, services);
        edgeFigures(step, inGame, heldSeconds, edgeBefore);
        List<String> over = new ArrayList<>();
        overTarget(over, "snapshot interval p99", metrics.snapshotInterval.p99SinceMark(), SNAPSHOT_INTERVAL_P99_MS);
        overTarget(over, "input round trip p99", metrics.inputRoundTrip.p99SinceMark(), INPUT_ROUND_TRIP_P99_MS);
        List<String> tickOver = new ArrayList<>();
        for (Object figures : services.values()) {
            if (figures instanceof Map<?, ?> map && map.get("tickLatenessP99Ms") instanceof Number lateness) {
                overTarget(tickOver, "tick lateness p99", lateness.doubleValue(), TICK_LATENESS_P99_MS);
            }
        }
        if (inGame < MIN_IN_GAME_SHARE * players) {
            over.add("only " + inGame + " of " + players + " players in a match");
        }
        step.put("withinTargets", over.isEmpty());
        step.put("over", over);
        step.put("tickLatenessWithinTarget", tickOver.isEmpty());
        tickMissed |= !tickOver.isEmpty();
        if (!tickMissed) {
            maxTickWithinTarget = (int) inGame;
        }
        steps.add(step);
        System.out.printf("capacity: %d players (%d in a match) for %.0f s: %s%s%n", players, inGame, heldSeconds,
                over.isEmpty() ? "within the capacity targets" : String.join("; ", over),
                tickOver.isEmpty() ? "" : " (" + String.join("; ", tickOver) + ")");
        if (driverBound) {
            finish(String.format("the generator could not keep its pace at %d players (%.2f of its core, %.1f inputs/s per bot"
                    + " of %.0f): the step is not counted", players, generatorCpu, inputsPerBot, options.inputHz()));
        } else if (!over.isEmpty()) {
            finish(String.join("; ", over) + " at " + players + " players");
        } else {
            maxWithinTargets = (int) inGame;
            if (players >= options.players()) {
                finish("every step was within the targets, up to the " + options.players() + " players asked for");
            } else {
                step(Math.min(players + options.rampStep(), options.players()));
            }
        }
    }

    /** The game node's CPU per 1,000 players and resident memory per player (above its idle size before the ramp). */
    private void nodeFigures(Map<String, Object> step, long inGame, Map<String, Object> services) {
        if (inGame == 0) {
            return;
        }
        for (Object figures : services.values()) {
            if (figures instanceof Map<?, ?> map && map.containsKey("players") && map.get("cpu") instanceof Number cpu) {
                step.put("nodeCpuPer1000Players", Math.round(cpu.doubleValue() / inGame * 1000 * 1000) / 1000.0);
            }
        }
        long resident = ProcessStats.residentBytes(options.nodePid());
        if (resident > 0 && baselineResidentBytes > 0) {
            step.put("nodeResidentMb", Math.round(resident / 1024.0 / 1024 * 10) / 10.0);
            step.put("nodeMemoryPerPlayerKb", Math.round((resident - baselineResidentBytes) / 1024.0 / inGame * 10) / 10.0);
        }
    }

    /** The edge's (nginx's) CPU over the hold, in cores and per 1,000 players in a match. */
    private void edgeFigures(Map<String, Object> step, long inGame, double heldSeconds, double edgeBefore) {
        double edgeNow = ProcessStats.cpuSeconds(options.edgePids());
        if (options.edgePids().isEmpty() || edgeBefore < 0 || edgeNow < 0 || heldSeconds <= 0 || inGame == 0) {
            return;
        }
        double cores = (edgeNow - edgeBefore) / heldSeconds;
        step.put("edgeCpu", Math.round(cores * 1000) / 1000.0);
        step.put("edgeCpuPer1000Players", Math.round(cores / inGame * 1000 * 1000) / 1000.0);
    }

    private static void overTarget(List<String> over, String what, double valueMs, double targetMs) {
        if (!Double.isNaN(valueMs) && valueMs > targetMs) {
            over.add(String.format("%s %.1f ms > %.0f ms", what, valueMs, targetMs));
        }
    }

    private void finish(String why) {
        stoppedBecause = why;
        fleet.stopAll();
        done.tryComplete();
    }
}
