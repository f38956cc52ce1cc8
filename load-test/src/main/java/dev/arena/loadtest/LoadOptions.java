package dev.arena.loadtest;

import dev.arena.model.protocol.GameProtocol;
import dev.arena.model.protocol.SocketPaths;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The generator's options, parsed from {@code --name=value} arguments; only loopback targets are accepted.
 *
 * @param scenario {@code play} (bots arrive at the rate and play until the duration is over), {@code burst}
 *     (bots arrive at the rate and get their identity and lobby socket, then all queue together at
 *     {@code burstRate} once every bot is ready or {@code burstPrepare} is over: a matchmaking burst)
 *     or {@code capacity} (players added in steps of {@code rampStep}, each held for {@code stepHold}
 *     and measured, until a target is crossed; the first step's players play {@code warmup} first,
 *     unmeasured, so that the JIT of a freshly started node is not what the first steps measure)
 *     or {@code failover} (as play, and {@code killAfter} into the run the game node {@code killNode}
 *     is killed, process {@code killPid}: its players' return to their matches on another node is timed)
 *     or {@code rolling} (as play, and {@code rollAfter} into the run each node of {@code rollNodes} in
 *     turn gets SIGTERM and is started again with {@code restartCommand}: a rolling restart under play)
 * @param metrics the services' Prometheus endpoints to sample, by name ({@code game-1} → its {@code /q/metrics})
 * @param gameNodes game nodes the bots reach straight, by node id ({@code game-1} → {@code http://127.0.0.1:8083}),
 *     instead of through the edge: so a capacity run measures the node, not the edge's proxying on the
 *     generator's core; a node not listed is reached through {@code target}
 * @param nodePid the game node's process id, whose resident memory each capacity step reports (0: not read)
 * @param edgePids the edge's processes (nginx's master and workers), whose CPU each capacity step
 *     reports per 1,000 players: nginx's own cost when the game sockets go through it, its idleness
 *     when they go straight to the node
 * @param killNode the game node the failover scenario kills ({@code --kill=game-2=<pid>}), with its process id {@code killPid}
 * @param killAfter how long into the failover scenario the node is killed
 * @param rollNodes the game nodes the rolling scenario restarts, in order, each with the file holding
 *     its process id ({@code --roll=game-1=run/game-1.pid,...}; read at its turn: a restarted node has a new one)
 * @param rollAfter how long into the rolling scenario the first node gets SIGTERM
 * @param restartCommand the executable that starts a stopped node again ({@code --restart-command=...}), run
 *     after each node exited; it returns once the node is ready
 * @param protocol the game protocol version the bots speak ({@code --protocol=v1|v2}, default v2)
 * @param pinning how the services and the generator are pinned to cores, written into the result as given
 * @param command the command that ran this, written into the result as given
 */
record LoadOptions(String scenario, int players, double arrivalPerSecond, Duration duration, double inputHz, URI target,
        Duration maxRunTime, Path resultFile, Duration progressEvery, int rampStep, Duration stepHold, Duration stepSettle,
        Duration warmup, double burstRate, Duration burstPrepare, Map<String, URI> metrics, Map<String, URI> gameNodes,
        long nodePid, List<Long> edgePids, String killNode, long killPid, Duration killAfter, Map<String, Path> rollNodes,
        Duration rollAfter, Path restartCommand, GameProtocol protocol, String pinning, String command) {

    static final String PLAY = "play";
    static final String BURST = "burst";
    static final String CAPACITY = "capacity";
    static final String FAILOVER = "failover";
    static final String ROLLING = "rolling";
    private static final Set<String> SCENARIOS = Set.of(PLAY, BURST, CAPACITY, FAILOVER, ROLLING);
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

    LoadOptions {
        if (!SCENARIOS.contains(scenario)) {
            throw new IllegalArgumentException("scenario must be one of " + SCENARIOS + ", not " + scenario);
        }
        if (players < 1 || players > 100_000) {
            throw new IllegalArgumentException("players must be 1 to 100000");
        }
        if (!(arrivalPerSecond > 0) || !(inputHz > 0) || inputHz > 60) {
            throw new IllegalArgumentException("arrival rate must be > 0 and input rate in (0, 60]");
        }
        // This generator floods what it targets: never anything but this machine.
        requireLoopback(target);
        metrics.values().forEach(LoadOptions::requireLoopback);
        gameNodes.values().forEach(LoadOptions::requireLoopback);
        if (maxRunTime.compareTo(duration) < 0) {
            throw new IllegalArgumentException("max run time must not be shorter than the duration");
        }
        if (CAPACITY.equals(scenario) && (rampStep < 1 || rampStep > players)) {
            throw new IllegalArgumentException("the capacity scenario needs --ramp-step between 1 and --players");
        }
        if (stepHold.isNegative() || stepHold.isZero() || stepSettle.isNegative() || warmup.isNegative()) {
            throw new IllegalArgumentException("step hold must be positive and settle not negative");
        }
        if (FAILOVER.equals(scenario) && (killNode == null || killPid <= 0 || killAfter.compareTo(duration) >= 0)) {
            throw new IllegalArgumentException("the failover scenario needs --kill=<node>=<pid> and a --kill-after within the duration");
        }
        if (ROLLING.equals(scenario) && (rollNodes.isEmpty() || restartCommand == null || rollAfter.compareTo(duration) >= 0)) {
            throw new IllegalArgumentException(
                    "the rolling scenario needs --roll=<node>=<pid file>,..., --restart-command and a --roll-after within the duration");
        }
        if (!(burstRate > 0) || burstPrepare.isNegative()) {
            throw new IllegalArgumentException("burst rate must be > 0 and burst prepare not negative");
        }
    }

    private static void requireLoopback(URI uri) {
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null || !LOOPBACK.contains(uri.getHost())) {
            throw new IllegalArgumentException("targets must be http on 127.0.0.1, localhost or ::1, not " + uri);
        }
    }

    boolean capacity() {
        return CAPACITY.equals(scenario);
    }

    boolean burst() {
        return BURST.equals(scenario);
    }

    boolean failover() {
        return FAILOVER.equals(scenario);
    }

    boolean rolling() {
        return ROLLING.equals(scenario);
    }

    /** Whether bots may use loopback source addresses other than 127.0.0.1 (only for a 127.0.0.1 target: localhost may resolve to ::1). */
    boolean spreadSources() {
        return "127.0.0.1".equals(target.getHost());
    }

    /** The edge's port (80 when the URL names none). */
    int port() {
        return portOf(target);
    }

    static int portOf(URI server) {
        return server.getPort() < 0 ? 80 : server.getPort();
    }

    /** Where a game socket path ({@code /game/<node>/<room>}) is opened: its node straight when listed, else the edge. */
    URI gameTarget(String path) {
        String nodeId = SocketPaths.gameNodeOf(path);
        URI node = nodeId == null ? null : gameNodes.get(nodeId);
        return node != null ? node : target;
    }

    /**
     * Parses {@code --players=300 --rate=100 --duration=PT30S --input-hz=30 --target=http://127.0.0.1:8080
     * --max-run=PT2M --out=result.json}, and for the capacity scenario {@code --scenario=capacity
     * --ramp-step=250 --step-hold=PT20S --step-settle=PT30S --warmup=PT60S}, for the burst {@code --scenario=burst
     * --burst-rate=5000 --burst-prepare=PT60S}; {@code --metrics=game-1=http://127.0.0.1:8083/q/metrics,...},
     * {@code --game-nodes=game-1=http://127.0.0.1:8083,...}, {@code --node-pid=1234}, {@code --edge-pids=1200,1201}, {@code --protocol=v1},
     * for the failover scenario {@code --scenario=failover --kill=game-2=1234 --kill-after=PT40S}, and for the
     * rolling one {@code --scenario=rolling --roll=game-1=run/game-1.pid,game-2=run/game-2.pid --roll-after=PT40S
     * --restart-command=restart-node.sh}.
     */
    static LoadOptions parse(String... args) {
        String scenario = PLAY;
        int players = 100;
        double rate = 50;
        Duration duration = Duration.ofSeconds(30);
        double inputHz = 30;
        URI target = URI.create("http://127.0.0.1:8080");
        Duration maxRun = null;
        Path out = Path.of("load-result.json");
        Duration progress = Duration.ofSeconds(5);
        int rampStep = 0;
        Duration stepHold = Duration.ofSeconds(20);
        Duration stepSettle = Duration.ofSeconds(30);
        Duration warmup = Duration.ZERO;
        double burstRate = 5000;
        Duration burstPrepare = Duration.ofSeconds(60);
        Map<String, URI> metrics = new LinkedHashMap<>();
        Map<String, URI> gameNodes = new LinkedHashMap<>();
        long nodePid = 0;
        List<Long> edgePids = new ArrayList<>();
        String killNode = null;
        long killPid = 0;
        Duration killAfter = Duration.ofSeconds(40);
        Map<String, Path> rollNodes = new LinkedHashMap<>();
        Duration rollAfter = Duration.ofSeconds(40);
        Path restartCommand = null;
        GameProtocol protocol = GameProtocol.V2;
        String pinning = "not stated";
        String command = "java -jar load-test/target/load-test.jar " + String.join(" ", args);
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            String value = arg.substring(eq + 1);
            switch (arg.substring(2, eq)) {
                case "scenario" -> scenario = value;
                case "players" -> players = Integer.parseInt(value);
                case "rate" -> rate = Double.parseDouble(value);
                case "duration" -> duration = Duration.parse(value);
                case "input-hz" -> inputHz = Double.parseDouble(value);
                case "target" -> target = URI.create(value);
                case "max-run" -> maxRun = Duration.parse(value);
                case "out" -> out = Path.of(value);
                case "progress" -> progress = Duration.parse(value);
                case "ramp-step" -> rampStep = Integer.parseInt(value);
                case "step-hold" -> stepHold = Duration.parse(value);
                case "step-settle" -> stepSettle = Duration.parse(value);
                case "warmup" -> warmup = Duration.parse(value);
                case "burst-rate" -> burstRate = Double.parseDouble(value);
                case "burst-prepare" -> burstPrepare = Duration.parse(value);
                case "metrics" -> parseNamed("metrics", value).forEach((name, url) -> metrics.put(name, URI.create(url)));
                case "game-nodes" -> parseNamed("game-nodes", value).forEach((name, url) -> gameNodes.put(name, URI.create(url)));
                case "node-pid" -> nodePid = Long.parseLong(value);
                case "edge-pids" -> Arrays.stream(value.split(",")).map(String::strip).filter(pid -> !pid.isEmpty())
                        .map(Long::parseLong).forEach(edgePids::add);
                case "kill" -> {
                    int at = value.lastIndexOf('=');
                    if (at <= 0) {
                        throw new IllegalArgumentException("--kill takes <node>=<pid>, got " + value);
                    }
                    killNode = value.substring(0, at);
                    killPid = Long.parseLong(value.substring(at + 1));
                }
                case "kill-after" -> killAfter = Duration.parse(value);
                case "roll" -> parseNamed("roll", value).forEach((node, file) -> rollNodes.put(node, Path.of(file)));
                case "roll-after" -> rollAfter = Duration.parse(value);
                case "restart-command" -> restartCommand = Path.of(value);
                case "protocol" -> protocol = GameProtocol.valueOf(value.toUpperCase(java.util.Locale.ROOT));
                case "pinning" -> pinning = value;
                case "command" -> command = value;
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (CAPACITY.equals(scenario) && rampStep > 0) {
            // Every step may need its settle and hold; the run ends at the first step over a target.
            long steps = (players + rampStep - 1) / rampStep;
            duration = stepSettle.plus(stepHold).plus(Duration.ofSeconds(5)).multipliedBy(steps).plus(warmup);
        }
        // Bots still in a match when the duration is over get time to finish it, but bounded.
        Duration bound = maxRun != null ? maxRun : duration.plus(Duration.ofSeconds(30));
        return new LoadOptions(scenario, players, rate, duration, inputHz, target, bound, out, progress, rampStep,
                stepHold, stepSettle, warmup, burstRate, burstPrepare, Collections.unmodifiableMap(metrics),
                Collections.unmodifiableMap(gameNodes), nodePid, List.copyOf(edgePids), killNode, killPid, killAfter,
                Collections.unmodifiableMap(rollNodes), rollAfter, restartCommand, protocol, pinning, command);
    }

    /** {@code name=value,name=value}, in order. */
    private static Map<String, String> parseNamed(String option, String value) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : value.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--" + option + " takes name=value pairs separated by commas, got " + pair);
            }
            out.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return out;
    }
}
