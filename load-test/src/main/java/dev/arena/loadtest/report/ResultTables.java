package dev.arena.loadtest.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The report's tables and summary sentence, formatted from the capacity and burst result files. */
final class ResultTables {

    private ResultTables() {}

    /** One row per capacity step. */
    static Table capacity(JsonNode result) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode step : Fields.array(result, "steps")) {
            JsonNode game = Fields.gameService(step);
            rows.add(List.of(
                    players(step),
                    summary(step, "snapshotIntervalMs"),
                    summary(step, "inputRoundTripMs"),
                    Fmt.ms(Fields.num(game, "tickLatenessP99Ms")),
                    Fmt.ms(Fields.num(game, "tickDurationP99Ms")),
                    Fmt.percent(Fields.num(game, "cpu")),
                    Fmt.percent(Fields.num(step, "nodeCpuPer1000Players")),
                    Fmt.count(Fields.num(step, "nodeMemoryPerPlayerKb")),
                    Fmt.percent(Fields.num(step, "edgeCpuPer1000Players")),
                    Fmt.percent(Fields.num(step, "generatorCpu")),
                    Fmt.plain(Fields.num(step, "inputsPerBotPerSecond")),
                    withinTargets(step)));
        }
        return new Table(List.of(
                "players in game",
                "snapshot interval p50 / p99 / max ms",
                "input round trip p50 / p99 / max ms",
                "tick lateness p99 ms",
                "tick duration p99 ms",
                "game CPU (% of a core)",
                "game CPU per 1,000 players (% of a core)",
                "game memory per player KB",
                "nginx CPU per 1,000 players (% of a core)",
                "generator CPU (% of a core)",
                "inputs/s per bot (generator)",
                "within the capacity targets"), rows);
    }

    /** "Capacity: N players within the capacity targets (...); stopped because .... Tick lateness ...". */
    static String capacityLine(JsonNode result) {
        JsonNode capacity = Fields.at(result, "capacity");
        JsonNode targets = Fields.at(capacity, "targets");
        String stopped = Fields.text(capacity, "stoppedBecause");
        return "Capacity: " + Fmt.count(Fields.num(capacity, "maxPlayersWithinTargets"))
                + " players within the capacity targets (snapshot interval p99 ≤ "
                + Fmt.plain(Fields.num(targets, "snapshotIntervalP99Ms")) + " ms, input round trip p99 ≤ "
                + Fmt.plain(Fields.num(targets, "inputRoundTripP99Ms")) + " ms); stopped because "
                + (stopped == null ? Fmt.MISSING : stopped) + ". Tick lateness p99 ≤ "
                + Fmt.plain(Fields.num(targets, "tickLatenessP99Ms")) + " ms (DESIGN.md's tick target) held up to "
                + Fmt.count(Fields.num(capacity, "maxPlayersTickWithinTarget")) + " players.";
    }

    /** The failover in one row: a game node killed under its players, and how soon and how many of them played on elsewhere. */
    static Table failover(JsonNode result) {
        JsonNode failover = Fields.at(result, "failover");
        List<String> row = List.of(
                Fmt.count(Fields.num(failover, "playersInMatches")),
                Fmt.count(Fields.num(failover, "playersOnKilledNode")),
                Fmt.count(Fields.num(failover, "playersBack")),
                Fmt.count(Fields.num(failover, "playersLost")),
                summary(failover, "killToMatchReadyMs"),
                summary(failover, "killToFirstSnapshotMs"),
                Fmt.count(errorsTotal(result)));
        return new Table(List.of(
                "players in matches",
                "on the killed node",
                "back in their match",
                "lost",
                "kill → match.ready with the new node p50 / p99 / max ms",
                "kill → first snapshot from the new node p50 / p99 / max ms",
                "errors"), List.of(row));
    }

    /** The rolling restart in one row: every game node restarted in turn under play, and what its players saw. */
    static Table rolling(JsonNode result) {
        JsonNode rolling = Fields.at(result, "rolling");
        StringBuilder restarts = new StringBuilder();
        for (JsonNode restart : Fields.at(rolling, "restarts")) {
            if (!restarts.isEmpty()) {
                restarts.append("; ");
            }
            restarts.append(Fields.text(restart, "node")).append(": ").append(Fmt.count(Fields.num(restart, "playersOnNode")))
                    .append(" players, drained in ").append(Fmt.plain(Fields.num(restart, "drainToExitMs"))).append(" ms");
        }
        List<String> row = List.of(
                Fmt.count(Fields.num(rolling, "playersInMatches")),
                restarts.isEmpty() ? Fmt.MISSING : restarts.toString(),
                Fmt.count(Fields.num(rolling, "interruptions")),
                Fmt.count(Fields.num(rolling, "playersNotBack")),
                Fmt.count(Fields.num(rolling, "matchesCalledOff")),
                summary(rolling, "interruptionMs"),
                Fmt.count(errorsTotal(result)));
        return new Table(List.of(
                "players in matches",
                "nodes restarted (players on each, SIGTERM → exit)",
                "players moved",
                "not back in their match",
                "matches called off",
                "interruption (last snapshot before → first after) p50 / p99 / max ms",
                "errors"), List.of(row));
    }

    /** The burst in one row: how fast a crowd arriving at once got into rooms, and how many of it got to play. */
    static Table burst(JsonNode result) {
        JsonNode latency = Fields.at(result, "latencyMs");
        Double players = Fields.num(result, "burst", "players");
        // The burst's own figure (each bot's first queue); older files only have every queue's.
        JsonNode queueToRoom = Fields.at(result, "burst", "queueToRoomMs");
        if (queueToRoom.isMissingNode()) {
            queueToRoom = Fields.at(latency, "queueToRoom");
        }
        List<String> row = List.of(
                Fmt.count(players != null ? players : Fields.num(result, "run", "players")),
                Fmt.count(Fields.num(result, "burst", "assigned")),
                Fmt.msList(
                        Fields.num(queueToRoom, "p50"),
                        Fields.num(queueToRoom, "p99"),
                        Fields.num(queueToRoom, "max")),
                Fmt.msList(
                        Fields.num(latency, "guestToMatch", "p50"),
                        Fields.num(latency, "guestToMatch", "p99")),
                Fmt.count(Fields.num(result, "burst", "queueToRoomPerSecond")),
                Fmt.count(Fields.num(result, "burst", "started")),
                summary(Fields.at(result, "burst"), "queueToStartMs"),
                Fmt.count(Fields.num(result, "burst", "playingPerSecond")),
                Fmt.count(Fields.num(result, "burst", "arrivalTimeouts")),
                Fmt.count(Fields.num(result, "burst", "upgradesRefusedNotAdmitted")),
                Fmt.count(errorsTotal(result)));
        return new Table(List.of(
                "players",
                "assigned",
                "queue→room p50 / p99 / max ms",
                "guest→match p50 / p99 ms",
                "queue to room /s",
                "reached start",
                "queue→start p50 / p99 / max ms",
                "playing /s",
                "arrival timeouts",
                "refused, never admitted",
                "errors"), List.of(row));
    }

    private static String players(JsonNode step) {
        Double inGame = Fields.num(step, "inGame");
        Double offered = Fields.num(step, "players");
        String text = Fmt.count(inGame);
        if (inGame != null && offered != null && Math.round(inGame) != Math.round(offered)) {
            text += " of " + Fmt.count(offered);
        }
        return text;
    }

    private static String summary(JsonNode sample, String histogram) {
        JsonNode h = Fields.at(sample, histogram);
        return Fmt.msList(Fields.num(h, "p50"), Fields.num(h, "p99"), Fields.num(h, "max"));
    }

    private static String withinTargets(JsonNode step) {
        if (Boolean.TRUE.equals(Fields.bool(step, "driverBound"))) {
            return "driver-bound: not counted";
        }
        Boolean within = Fields.bool(step, "withinTargets");
        if (within == null) {
            return Fmt.MISSING;
        }
        if (within) {
            return "yes";
        }
        List<String> reasons = new ArrayList<>();
        for (JsonNode reason : Fields.array(step, "over")) {
            if (reason.isValueNode() && !reason.asText().isBlank()) {
                reasons.add(reason.asText().strip());
            }
        }
        return reasons.isEmpty() ? "no" : "no: " + String.join("; ", reasons);
    }

    private static Double errorsTotal(JsonNode result) {
        JsonNode errors = Fields.at(result, "errors");
        if (!errors.isObject()) {
            return null;
        }
        double total = 0;
        for (Iterator<JsonNode> it = errors.elements(); it.hasNext(); ) {
            JsonNode n = it.next();
            if (n.isNumber()) {
                total += n.asDouble();
            }
        }
        return total;
    }
}
