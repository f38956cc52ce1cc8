package dev.arena.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A few bots for a few seconds against a stack of its own (own ports, state dir, database, role
 * and Redis database, short countdown and match), so the generator keeps working as the services
 * change. Functional assertions only: timings on a shared CI machine prove nothing.
 */
class LoadGeneratorSmokeIT {

    private static final int NGINX = 16080;
    private static final int GAME = 16083;
    private static final Path STATE_DIR = StackCommand.REPO.resolve("load-test/target/stack-smoke");
    private static final Path RESULT = StackCommand.REPO.resolve("load-test/target/smoke-result.json");
    private static final Map<String, String> ENV = Map.ofEntries(
            Map.entry("ARENA_STACK_DIR", STATE_DIR.toString()),
            Map.entry("ARENA_NGINX_PORT", Integer.toString(NGINX)),
            Map.entry("ARENA_LOBBY_PORT", "16081"),
            Map.entry("ARENA_MATCHMAKER_PORT", "16082"),
            Map.entry("ARENA_GAME_PORT", Integer.toString(GAME)),
            Map.entry("ARENA_GAME_NODES", "1"),
            Map.entry("ARENA_STACK_BUILD", "never"),
            Map.entry("ARENA_STACK_TIMEOUT", "120"),
            Map.entry("ARENA_DB_NAME", "arena_load"),
            Map.entry("ARENA_DB_USER", "arena_load"),
            Map.entry("ARENA_REDIS_URL", "redis://127.0.0.1:6379/6"),
            // Not among the variables ./stack sets: the services inherit them from up's environment,
            // so a room starts 1 s after its third bot and a match ends within the run.
            Map.entry("ARENA_MATCHMAKER_COUNTDOWN", "PT1S"),
            Map.entry("ARENA_GAME_MATCH_LENGTH", "PT5S"));
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    @BeforeAll
    static void up() throws Exception {
        // A run that was cut short may have left this stack running: its own down cleans it up.
        StackCommand.run(ENV, COMMAND_TIMEOUT, "down");
        StackCommand.Result up = StackCommand.run(ENV, Duration.ofMinutes(3), "up");
        assertEquals(0, up.exitCode(), "./stack up failed:\n" + up.output());
    }

    @AfterAll
    static void down() throws Exception {
        // Always, even when up or the run failed: no JVM or nginx may outlive the build.
        StackCommand.run(ENV, COMMAND_TIMEOUT, "down");
    }

    @Test
    void botsPlayThroughTheEdgeAndTheResultIsWritten() throws Exception {
        Files.deleteIfExists(RESULT);

        Map<String, Object> result = LoadGenerator.run(LoadOptions.parse("--players=6", "--rate=6", "--duration=PT10S",
                "--max-run=PT20S", "--progress=PT2S", "--target=http://127.0.0.1:" + NGINX, "--out=" + RESULT));

        Map<?, ?> counts = (Map<?, ?>) result.get("counts");
        Map<?, ?> latency = (Map<?, ?>) result.get("latencyMs");
        assertTrue(((Number) counts.get("matchesStarted")).longValue() >= 3, "no match started: " + result);
        assertTrue(((Number) counts.get("roomsSeen")).longValue() >= 1, "no room seen: " + result);
        assertTrue(((Number) counts.get("snapshots")).longValue() > 0, "no snapshot: " + result);
        assertTrue(count(latency, "guestToMatch") >= 3, "guest-to-match not measured: " + result);
        assertTrue(count(latency, "inputRoundTrip") > 0, "no input was acknowledged: " + result);
        assertTrue(Files.size(RESULT) > 0, "no result file at " + RESULT);
    }

    @Test
    void theCapacityRampMeasuresStepsWithTheNodesMetrics() throws Exception {
        Map<String, Object> result = LoadGenerator.run(LoadOptions.parse("--scenario=capacity", "--players=6",
                "--ramp-step=3", "--rate=6", "--step-hold=PT2S", "--step-settle=PT10S", "--progress=PT1S",
                "--metrics=game-1=http://127.0.0.1:" + GAME + "/q/metrics", "--game-nodes=game-1=http://127.0.0.1:" + GAME,
                "--target=http://127.0.0.1:" + NGINX,
                "--out=" + RESULT.resolveSibling("smoke-capacity.json")));

        List<?> steps = (List<?>) result.get("steps");
        assertFalse(steps.isEmpty(), "no step measured: " + result);
        Map<?, ?> first = (Map<?, ?>) steps.get(0);
        assertEquals(3, ((Number) first.get("players")).intValue(), "the first step is one ramp step: " + first);
        Map<?, ?> node = (Map<?, ?>) ((Map<?, ?>) first.get("services")).get("game-1");
        assertTrue(node != null && node.get("cpu") instanceof Number, "the node's metrics were not sampled: " + first);
        assertTrue(first.get("nodeCpuPer1000Players") instanceof Number, "no CPU per 1,000 players: " + first);
        assertTrue(((Number) first.get("inputsPerBotPerSecond")).doubleValue() > 0, "no input rate (straight to the node): " + first);
        assertTrue(first.get("driverBound") instanceof Boolean, "no driver-bound verdict: " + first);
        assertTrue(((Map<?, ?>) result.get("capacity")).get("stoppedBecause") instanceof String, "no verdict: " + result);
        assertFalse(((List<?>) result.get("timeline")).isEmpty(), "no timeline: " + result);
    }

    @Test
    void aBurstQueuesEveryReadyBotTogether() throws Exception {
        Map<String, Object> result = LoadGenerator.run(LoadOptions.parse("--scenario=burst", "--players=6", "--rate=6",
                "--burst-rate=100", "--burst-prepare=PT10S", "--duration=PT12S", "--max-run=PT20S", "--progress=PT2S",
                "--target=http://127.0.0.1:" + NGINX, "--out=" + RESULT.resolveSibling("smoke-burst.json")));

        Map<?, ?> burst = (Map<?, ?>) result.get("burst");
        assertEquals(6L, ((Number) burst.get("assigned")).longValue(), "not every bot reached a room: " + result);
        assertTrue(((Number) burst.get("queueToRoomPerSecond")).doubleValue() > 0, "no placement rate: " + result);
    }

    @Test
    void refusesTargetsOtherThanLoopback() {
        assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse("--target=http://10.0.0.1:8080"));
        assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse("--target=http://example.org"));
    }

    private static long count(Map<?, ?> latency, String name) {
        return ((Number) ((Map<?, ?>) latency.get(name)).get("count")).longValue();
    }
}
