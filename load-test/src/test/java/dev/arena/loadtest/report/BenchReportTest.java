package dev.arena.loadtest.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final LocalDate TODAY = LocalDate.of(2027, 1, 2);
    private static final String BEFORE = "# Benchmarks\n\nSome text the report must keep.\n\n";
    private static final String AFTER = "\n## Later section\n\nAlso kept.\n";

    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void rendersChartsHtmlAndReplacesTheMarkedSection() throws Exception {
        JSON.writeValue(dir.resolve("capacity.json").toFile(), capacity());
        JSON.writeValue(dir.resolve("burst.json").toFile(), burst());
        Path md = dir.resolve("benchmarks.md");
        Files.writeString(md, BEFORE + MarkedSection.START + "\nold results\n" + MarkedSection.END + "\n" + AFTER);

        List<Path> written = BenchReport.run(dir, md, TODAY);
        String first = Files.readString(md);
        BenchReport.run(dir, md, TODAY);
        String second = Files.readString(md);

        for (String name : List.of("capacity-curve.png", "capacity-timeline.png", "burst-timeline.png")) {
            assertPng(dir.resolve(name));
            assertTrue(written.contains(dir.resolve(name)), name + " listed as written");
        }
        assertTrue(written.contains(dir.resolve("report.html")));
        assertTrue(written.contains(md));

        String html = Files.readString(dir.resolve("report.html"));
        for (String players : List.of("250", "500", "1,000", "1,480")) {
            assertTrue(html.contains("<td>" + players), "HTML shows the step with " + players + " players");
        }
        assertTrue(html.contains("data:image/png;base64,"), "charts embedded");
        assertFalse(html.contains("<script"), "no JS");
        assertTrue(html.contains("AMD EPYC"));

        assertEquals(first, second, "a second run gives the same file");
        assertEquals(1, occurrences(second, MarkedSection.START));
        assertEquals(1, occurrences(second, MarkedSection.END));
        assertTrue(second.startsWith(BEFORE + MarkedSection.START + "\n"), second);
        assertTrue(second.endsWith(MarkedSection.END + "\n" + AFTER), second);
        assertFalse(second.contains("old results"));
        assertTrue(second.contains("### Results of ./stack bench, 2026-11-30\n"), second);
        assertTrue(second.contains("**Machine**: nproc 2, AMD EPYC, MemTotal 24,684,096 kB, JDK 17.0.15"), second);
        assertTrue(second.contains("**Command**: capacity: `./stack bench capacity`; burst: `./stack bench burst`"),
                second);
        assertTrue(second.contains("| 1,480 of 1,500 | 59.8 / 83.1 / 120.0 |"), second);
        assertTrue(second.contains("| 40% | 121 | 25% | 67% | 24.1 | driver-bound: not counted |"), second);
        assertTrue(second.contains("| no: snapshot interval p99 83.1 ms > 75 ms |"), second);
        assertTrue(second.contains("Capacity: 1,000 players within the capacity targets (snapshot interval p99 ≤ 75 ms, "
                + "input round trip p99 ≤ 100 ms); stopped because snapshot interval "
                + "p99 83.1 ms > 75 ms at 1500 players. Tick lateness p99 ≤ 2 ms (DESIGN.md's tick target) held up to "
                + "500 players."), second);
        assertTrue(second.contains("| 1,000 | 1,000 | 12.0 / 48.0 / 51.0 | 30.0 / 95.0 | 812 | 998 | 410.0 / 920.0 / 960.0 | 455 | 0 | 2 | 3 |"),
                second);
        assertTrue(second.contains("Report: `" + dir.resolve("report.html").toAbsolutePath() + "`"), second);
    }

    @Test
    void appendsAMarkedSectionWhenTheFileHasNone() throws Exception {
        JSON.writeValue(dir.resolve("burst.json").toFile(), burst());
        Path md = dir.resolve("benchmarks.md");
        Files.writeString(md, "# Benchmarks\n\nNo markers here.");

        BenchReport.run(dir, md, TODAY);
        BenchReport.run(dir, md, TODAY);

        String text = Files.readString(md);
        assertTrue(text.startsWith("# Benchmarks\n\nNo markers here.\n\n" + MarkedSection.START + "\n### Results"), text);
        assertTrue(text.endsWith(MarkedSection.END + "\n"), text);
        assertEquals(1, occurrences(text, MarkedSection.START));
        assertFalse(text.contains("#### Capacity"), "no capacity part without capacity.json");
        assertPng(dir.resolve("burst-timeline.png"));
        assertFalse(Files.exists(dir.resolve("capacity-curve.png")));
        assertFalse(Files.exists(dir.resolve("capacity-timeline.png")));
    }

    @Test
    void rendersTheFailoverAlone() throws Exception {
        ObjectNode failover = JSON.createObjectNode();
        failover.set("run", run("failover"));
        failover.putObject("errors").put("game connect ConnectException", 3);
        ObjectNode drill = failover.putObject("failover");
        drill.put("killedNode", "game-2").put("playersInMatches", 300).put("playersOnKilledNode", 150)
                .put("playersBack", 149).put("playersLost", 1);
        drill.set("killToMatchReadyMs", summary(1900, 2300, 2400));
        drill.set("killToFirstSnapshotMs", summary(2100, 2900, 3400));
        JSON.writeValue(dir.resolve("failover.json").toFile(), failover);
        Path md = dir.resolve("benchmarks.md");

        BenchReport.run(dir, md, TODAY);

        String text = Files.readString(md);
        assertTrue(text.contains("#### Failover"), text);
        assertTrue(text.contains("| 300 | 150 | 149 | 1 | 1900.0 / 2300.0 / 2400.0 | 2100.0 / 2900.0 / 3400.0 | 3 |"), text);
        assertFalse(text.contains("#### Capacity"), text);
        assertFalse(text.contains("#### Burst"), text);
    }

    @Test
    void rendersTheRollingRestartAlone() throws Exception {
        ObjectNode rolling = JSON.createObjectNode();
        rolling.set("run", run("rolling"));
        ObjectNode drill = rolling.putObject("rolling");
        drill.put("playersInMatches", 300).put("interruptions", 300).put("playersNotBack", 0).put("matchesCalledOff", 0);
        drill.putArray("restarts").add(JSON.createObjectNode().put("node", "game-1").put("playersOnNode", 150).put("drainToExitMs", 1200))
                .add(JSON.createObjectNode().put("node", "game-2").put("playersOnNode", 300).put("drainToExitMs", 1500));
        drill.set("interruptionMs", summary(400, 900, 1100));
        JSON.writeValue(dir.resolve("rolling.json").toFile(), rolling);
        Path md = dir.resolve("benchmarks.md");

        BenchReport.run(dir, md, TODAY);

        String text = Files.readString(md);
        assertTrue(text.contains("#### Rolling restart"), text);
        assertTrue(text.contains("| 300 | game-1: 150 players, drained in 1,200 ms; game-2: 300 players, drained in 1,500 ms | 300 | 0 | 0 "
                + "| 400.0 / 900.0 / 1100.0 | – |"), text);
        assertFalse(text.contains("#### Failover"), text);
    }

    @Test
    void rendersAFileWithMissingFields() throws Exception {
        Files.writeString(dir.resolve("capacity.json"), """
                {"run": {"scenario": "capacity"},
                 "steps": [{"players": 250, "inGame": 240, "snapshotIntervalMs": {"count": 0}, "services": {}},
                           {"inGame": 500, "withinTargets": false},
                           {}],
                 "timeline": [{"t": 1.0}, {"t": 2.0, "bots": 10, "snapshotIntervalMs": {"count": 0}},
                              {"bots": 20}],
                 "capacity": {}}
                """);
        Files.writeString(dir.resolve("burst.json"), "{}");
        Path md = dir.resolve("benchmarks.md");

        BenchReport.run(dir, md, TODAY);

        String text = Files.readString(md);
        assertTrue(text.contains("### Results of ./stack bench, 2027-01-02\n"), text);
        assertTrue(text.contains("**Machine**: –"), text);
        assertTrue(text.contains("| 240 of 250 | – / – / – | – / – / – | – | – | – | – | – | – | – | – | – |"), text);
        assertTrue(text.contains("| 500 | – / – / – | – / – / – | – | – | – | – | – | – | – | – | no |"), text);
        assertTrue(text.contains("Capacity: – players within the capacity targets (snapshot interval p99 ≤ – ms, "
                + "input round trip p99 ≤ – ms); stopped because –. Tick lateness p99 ≤ – ms"), text);
        assertTrue(text.contains("| – | – | – / – / – | – / – | – | – |"), text);
        assertTrue(Files.readString(dir.resolve("report.html")).contains("<td>500</td>"));
        assertPng(dir.resolve("capacity-timeline.png"));
        assertFalse(Files.exists(dir.resolve("capacity-curve.png")), "no latency values, no curve");
        assertFalse(Files.exists(dir.resolve("burst-timeline.png")), "no timeline, no chart");
    }

    @Test
    void refusesADirectoryWithoutResults() {
        assertThrows(BenchReport.NoResultsException.class,
                () -> BenchReport.run(dir, dir.resolve("benchmarks.md"), TODAY));
        assertFalse(Files.exists(dir.resolve("benchmarks.md")));
    }

    @Test
    void refusesAStartMarkerWithoutAnEnd() {
        assertThrows(IllegalStateException.class,
                () -> MarkedSection.splice("a\n" + MarkedSection.START + "\nb\n", "section\n"));
    }

    private static void assertPng(Path file) throws IOException {
        assertTrue(Files.isRegularFile(file), file + " exists");
        byte[] bytes = Files.readAllBytes(file);
        assertTrue(bytes.length > PNG_SIGNATURE.length, file + " is not empty");
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, PNG_SIGNATURE.length), file + " is a PNG");
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    private static ObjectNode run(String scenario) {
        ObjectNode run = JSON.createObjectNode();
        run.put("scenario", scenario).put("players", 1500).put("arrivalPerSecond", 100.0)
                .put("startedAt", "2026-11-30T22:10:00Z")
                .put("pinning", "game-1 on core 0; lobby, matchmaker, nginx and the generator on core 1")
                .put("command", "./stack bench " + scenario);
        run.putObject("machine").put("nproc", 2).put("cpu", "AMD EPYC").put("memTotal", "24684096 kB")
                .put("java", "17.0.15");
        return run;
    }

    private static ObjectNode summary(double p50, double p99, double max) {
        ObjectNode h = JSON.createObjectNode();
        return h.put("count", 1000).put("p50", p50).put("p90", (p50 + p99) / 2).put("p99", p99)
                .put("p99.9", max).put("max", max).put("mean", p50);
    }

    private static ArrayNode timeline(int samples, boolean burst) {
        ArrayNode timeline = JSON.createArrayNode();
        for (int i = 1; i <= samples; i++) {
            ObjectNode s = timeline.addObject();
            int bots = Math.min(1500, i * 100);
            s.put("t", i * 5.0).put("bots", bots).put("inGame", bots - 10).put("gameSockets", bots - 10);
            s.set("snapshotIntervalMs", summary(33 + i * 0.5, 50 + i * 2, 60 + i * 3));
            s.set("inputRoundTripMs", summary(10 + i * 0.3, 30 + i * 2.5, 40 + i * 3));
            if (burst && i > 3) {
                s.putObject("queueToRoomMs").put("count", 0); // no joins in this interval: no percentiles
            } else {
                s.set("queueToRoomMs", summary(8, 40 + i, 50 + i));
            }
            s.put("generatorCpu", 0.3 + i * 0.01);
            s.putObject("services").putObject("game-1").put("tickLatenessP99Ms", 0.5 + i * 0.1)
                    .put("tickDurationP99Ms", 1.0).put("cpu", 0.2 + i * 0.03).put("heapUsedMb", 150.0)
                    .put("players", bots - 10);
        }
        return timeline;
    }

    private static ObjectNode step(int players, int inGame, double snapshotP99, boolean within, String... over) {
        ObjectNode step = JSON.createObjectNode();
        step.put("players", players).put("inGame", inGame).put("holdSeconds", 20.0);
        step.set("snapshotIntervalMs", summary(snapshotP99 * 0.72, snapshotP99, snapshotP99 + 36.9));
        step.set("inputRoundTripMs", summary(20, snapshotP99 * 0.8, snapshotP99 + 10));
        step.put("generatorCpu", players / 3000.0);
        ObjectNode services = step.putObject("services");
        services.putObject("lobby-1").put("cpu", 0.1);
        services.putObject("game-1").put("tickLatenessP99Ms", players / 1000.0).put("tickDurationP99Ms", 1.2)
                .put("cpu", players / 2000.0).put("heapUsedMb", 100 + players / 10.0).put("players", inGame);
        step.put("withinTargets", within);
        ArrayNode reasons = step.putArray("over");
        Arrays.stream(over).forEach(reasons::add);
        return step;
    }

    private static ObjectNode capacity() {
        ObjectNode root = JSON.createObjectNode();
        root.set("run", run("capacity"));
        root.putObject("counts").put("snapshots", 123456);
        root.putObject("latencyMs").set("snapshotInterval", summary(40, 70, 90));
        root.putObject("errors");
        root.set("timeline", timeline(30, false));
        ArrayNode steps = root.putArray("steps");
        steps.add(step(250, 250, 52.0, true));
        steps.add(step(500, 500, 58.0, true));
        steps.add(step(1000, 1000, 71.5, true));
        steps.add(step(1500, 1480, 83.1, false, "snapshot interval p99 83.1 ms > 75 ms"));
        steps.add(step(2000, 2000, 90.0, false).put("driverBound", true).put("nodeCpuPer1000Players", 0.4)
                .put("nodeMemoryPerPlayerKb", 120.5).put("edgeCpuPer1000Players", 0.25).put("inputsPerBotPerSecond", 24.1));
        ObjectNode capacity = root.putObject("capacity");
        capacity.putObject("targets").put("snapshotIntervalP99Ms", 75).put("inputRoundTripP99Ms", 100)
                .put("tickLatenessP99Ms", 2);
        capacity.put("maxPlayersWithinTargets", 1000)
                .put("maxPlayersTickWithinTarget", 500)
                .put("stoppedBecause", "snapshot interval p99 83.1 ms > 75 ms at 1500 players");
        return root;
    }

    private static ObjectNode burst() {
        ObjectNode root = JSON.createObjectNode();
        root.set("run", run("burst").put("players", 1000));
        ObjectNode latency = root.putObject("latencyMs");
        latency.set("queueToRoom", summary(12, 48, 51));
        latency.set("guestToMatch", summary(30, 95, 120));
        root.putObject("errors").put("queue 409", 2).put("socket closed", 1);
        root.set("timeline", timeline(8, true));
        ObjectNode burst = root.putObject("burst").put("players", 1000).put("queueToRoomPerSecond", 812.0).put("assigned", 1000)
                .put("started", 998).put("playingPerSecond", 455.0).put("arrivalTimeouts", 0).put("upgradesRefusedNotAdmitted", 2);
        burst.set("queueToStartMs", summary(410, 920, 960));
        return root;
    }
}
