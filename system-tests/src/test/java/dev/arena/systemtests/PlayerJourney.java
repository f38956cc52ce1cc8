package dev.arena.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arena.systemtests.harness.JsonSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The player's journey of the design brief, end to end through the real edge of a running stack:
 * three guests from {@code POST /lobby/api/guest}, their lobby sockets, {@code POST /lobby/api/queue},
 * {@code room.update} (one room, three members, countdown), {@code match.ready}, the game sockets
 * through nginx, {@code start}, one player's movement seen by the others in {@code snap}, the
 * match's own end ({@code end} with the same scores for all, close 4010), the result in
 * PostgreSQL, and a second {@code POST /lobby/api/queue} that is accepted. Every wait is bounded.
 */
final class PlayerJourney {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration STEP = Duration.ofSeconds(10);
    private static final double SPEED = 200; // GameRules' default player speed, units/s
    private static final int PLAYERS = 3;

    private final int edgePort;
    private final String nodeId;
    private final Duration matchLength;
    private final Path dbPasswordFile;
    private final String dbName;
    private final String dbUser;

    PlayerJourney(int edgePort, String nodeId, Duration matchLength, Path dbPasswordFile, String dbName, String dbUser) {
        this.edgePort = edgePort;
        this.nodeId = nodeId;
        this.matchLength = matchLength;
        this.dbPasswordFile = dbPasswordFile;
        this.dbName = dbName;
        this.dbUser = dbUser;
    }

    private record Player(String id, String name, String token, JsonSocket lobby, List<JsonSocket> game) {
        JsonSocket gameSocket() {
            return game.get(0);
        }
    }

    void run() throws Exception {
        long began = System.nanoTime();
        List<Player> players = new ArrayList<>();
        try {
            // 1-3: identity, lobby socket, queue
            String suffix = UUID.randomUUID().toString().substring(0, 6);
            for (int i = 0; i < PLAYERS; i++) {
                String name = "Journey" + i + "-" + suffix;
                HttpResponse<String> guest = send(HttpRequest.newBuilder(http("/lobby/api/guest"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")));
                assertEquals(200, guest.statusCode(), guest.body());
                JsonNode body = JSON.readTree(guest.body());
                String token = body.path("token").asText();
                String id = body.path("player").path("id").asText();
                JsonSocket lobby = JsonSocket.open("lobby-" + name, ws("/lobby"), token, Duration.ofSeconds(5));
                players.add(new Player(id, name, token, lobby, new ArrayList<>()));
                lobby.next("queue.status", STEP);
            }
            for (Player player : players) {
                HttpResponse<String> queued = send(queueRequest(player).POST(HttpRequest.BodyPublishers.noBody()));
                assertEquals(202, queued.statusCode(), player.name() + ": " + queued.body());
            }

            // 4: one room of three with a countdown
            String roomId = null;
            for (Player player : players) {
                JsonNode update = player.lobby().next("room.update", json -> json.path("members").size() == PLAYERS
                        && "countdown".equals(json.path("state").asText()), STEP).json();
                assertTrue(update.path("countdownDeadline").asLong() > 0, update.toString());
                assertEquals(memberIds(players), ids(update.path("members")), update.toString());
                roomId = roomId == null ? update.path("roomId").asText() : roomId;
                assertEquals(roomId, update.path("roomId").asText(), "the players are in different rooms");
            }

            // 5: match.ready with the game socket's URL
            String url = "/game/" + nodeId + "/" + roomId;
            for (Player player : players) {
                JsonNode ready = player.lobby().next("match.ready", STEP).json();
                assertEquals(roomId, ready.path("roomId").asText(), ready.toString());
                assertEquals(nodeId, ready.path("nodeId").asText(), ready.toString());
                assertEquals(url, ready.path("url").asText(), ready.toString());
            }

            // 6: the game socket through nginx, start
            AtomicReference<JsonNode> latest = new AtomicReference<>();
            long endsAt = 0;
            for (Player player : players) {
                boolean watcher = player == players.get(0);
                JsonSocket game = JsonSocket.open("game-" + player.name(), ws(url), player.token(), Duration.ofSeconds(5), frame -> {
                    if (watcher && "snap".equals(frame.type())) {
                        latest.set(frame.json());
                    }
                });
                player.game().add(game);
                JsonNode start = game.next("start", STEP).json();
                assertEquals(roomId, start.path("roomId").asText(), start.toString());
                assertEquals(player.id(), start.path("you").asText(), start.toString());
                assertEquals(memberIds(players), ids(start.path("roster")), start.toString());
                assertEquals(matchLength.toMillis(), start.path("rules").path("matchLengthMs").asLong(), start.toString());
                endsAt = start.path("endsAt").asLong();
            }

            // 7: one player moves; the others see it in their snapshots
            JsonNode first = players.get(0).gameSocket().next("snap", json -> json.path("players").size() == PLAYERS, STEP).json();
            Player mover = players.get(0);
            double x0 = Double.MAX_VALUE;
            for (Player player : players) {
                double x = entry(first, player.id()).path("x").asDouble();
                if (x < x0) {
                    x0 = x;
                    mover = player;
                }
            }
            // From the leftmost player there is room to the right, unless all three spawned far right.
            boolean right = x0 < 1200;
            double startX = x0;
            long seq = 0;
            long moveUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (System.nanoTime() < moveUntil) {
                mover.gameSocket().sendInput(++seq, false, false, !right, right, right ? 0 : Math.PI, false);
                Thread.sleep(33);
            }
            mover.gameSocket().sendInput(++seq, false, false, false, false, 0, false);
            String moverId = mover.id();
            long lastSeq = seq;
            double movedBy = 0;
            for (Player player : players) {
                JsonNode moved = player.gameSocket().next("snap", json -> {
                    JsonNode entry = find(json, moverId);
                    if (entry == null) {
                        return false; // a snap from before every player had joined
                    }
                    double dx = entry.path("x").asDouble() - startX;
                    return (right ? dx : -dx) >= 0.5 * SPEED && entry.path("seq").asLong() == lastSeq;
                }, Duration.ofSeconds(3)).json();
                movedBy = Math.abs(entry(moved, moverId).path("x").asDouble() - startX);
            }

            // A hit, so the scores compared below are not all zero
            boolean hit = scoreAHit(players, latest, endsAt - 1500);

            // 8: the match ends on its own; everyone gets the same scores, then the socket closes with 4010
            JsonNode scores = null;
            Duration endWithin = matchLength.plus(Duration.ofSeconds(5));
            for (Player player : players) {
                JsonNode end = player.gameSocket().next("end", endWithin).json();
                assertEquals(roomId, end.path("roomId").asText(), end.toString());
                assertEquals(memberIds(players), ids(end.path("scores")), end.toString());
                if (scores == null) {
                    scores = end.path("scores");
                } else {
                    assertEquals(scores, end.path("scores"), player.name() + " got other scores");
                }
                assertEquals(4010, player.gameSocket().closeCode(Duration.ofSeconds(5)), player.name());
            }

            // The result in PostgreSQL
            Map<String, Integer> expected = new TreeMap<>();
            scores.forEach(score -> expected.put(score.path("id").asText(), score.path("score").asInt()));
            assertStored(roomId, expected);

            // Free to play again (the node frees the players just after storing the result)
            for (Player player : players) {
                HttpResponse<String> again = null;
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (System.nanoTime() < deadline) {
                    again = send(queueRequest(player).POST(HttpRequest.BodyPublishers.noBody()));
                    if (again.statusCode() != 409) {
                        break;
                    }
                    Thread.sleep(100);
                }
                assertEquals(202, again.statusCode(), player.name() + " cannot queue again: " + again.body());
            }
            for (Player player : players) {
                HttpResponse<String> left = send(queueRequest(player).DELETE());
                assertEquals(200, left.statusCode(), player.name() + ": " + left.body());
            }
            if (hit) {
                assertTrue(expected.values().stream().mapToInt(Integer::intValue).sum() > 0, "the hit is not in the scores: " + expected);
            }
            System.out.printf("player journey: %d players, room %s, mover %s moved %.0f units, scores %s, %d ms%n",
                    PLAYERS, roomId, mover.name(), movedBy,
                    expected, Duration.ofNanos(System.nanoTime() - began).toMillis());
        } finally {
            for (Player player : players) {
                player.game().forEach(JsonSocket::close);
                player.lobby().close();
            }
        }
    }

    /**
     * The two players closest together: one fires at the other until someone scores (or until
     * {@code untilEpochMs}). Whether there was a hit; none when they spawned out of range.
     */
    private static boolean scoreAHit(List<Player> players, AtomicReference<JsonNode> latest, long untilEpochMs)
            throws InterruptedException {
        JsonNode snap = latest.get();
        Player shooter = null;
        Player target = null;
        double best = Double.MAX_VALUE;
        for (Player a : players) {
            for (Player b : players) {
                double d = a == b ? Double.MAX_VALUE : distance(entry(snap, a.id()), entry(snap, b.id()));
                if (d < best) {
                    best = d;
                    shooter = a;
                    target = b;
                }
            }
        }
        if (best > 800) { // a projectile flies 900 units (600 units/s for 1.5 s)
            System.out.printf("player journey: the players are %.0f units apart at least; no shot%n", best);
            return false;
        }
        long seq = 1000; // above the mover's inputs on the same connection (about 30)
        while (System.currentTimeMillis() < untilEpochMs && totalScore(latest.get()) == 0) {
            JsonNode now = latest.get();
            JsonNode from = entry(now, shooter.id());
            JsonNode to = entry(now, target.id());
            double aim = Math.atan2(to.path("y").asDouble() - from.path("y").asDouble(), to.path("x").asDouble() - from.path("x").asDouble());
            shooter.gameSocket().sendInput(++seq, false, false, false, false, aim, true);
            Thread.sleep(50);
        }
        shooter.gameSocket().sendInput(++seq, false, false, false, false, 0, false);
        assertTrue(totalScore(latest.get()) > 0, "no hit at " + Math.round(best) + " units before the match's last 1.5 s: " + latest.get());
        return true;
    }

    private static double distance(JsonNode a, JsonNode b) {
        return Math.hypot(a.path("x").asDouble() - b.path("x").asDouble(), a.path("y").asDouble() - b.path("y").asDouble());
    }

    private static int totalScore(JsonNode snap) {
        int total = 0;
        for (JsonNode player : snap.path("players")) {
            total += player.path("score").asInt();
        }
        return total;
    }

    private void assertStored(String roomId, Map<String, Integer> expected) throws Exception {
        String password = Files.readString(dbPasswordFile).strip();
        String url = "jdbc:postgresql://" + System.getenv().getOrDefault("ARENA_DB_HOST", "127.0.0.1") + ":"
                + System.getenv().getOrDefault("ARENA_DB_PORT", "5432") + "/" + dbName;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String seen = "no match row";
        try (Connection db = DriverManager.getConnection(url, dbUser, password)) {
            while (System.nanoTime() < deadline) {
                try (PreparedStatement match = db.prepareStatement(
                        "SELECT id, node_id, ended_at, end_reason FROM matches WHERE room_id = ?")) {
                    match.setString(1, roomId);
                    try (ResultSet row = match.executeQuery()) {
                        if (row.next() && row.getObject("ended_at") != null) {
                            assertEquals(nodeId, row.getString("node_id"));
                            assertEquals("completed", row.getString("end_reason"));
                            UUID matchId = row.getObject("id", UUID.class);
                            assertTrue(!row.next(), "more than one match row for room " + roomId);
                            Map<String, Integer> stored = new TreeMap<>();
                            try (PreparedStatement results = db.prepareStatement(
                                    "SELECT player_id, score FROM match_players WHERE match_id = ?")) {
                                results.setObject(1, matchId);
                                try (ResultSet r = results.executeQuery()) {
                                    while (r.next()) {
                                        stored.put(r.getObject("player_id", UUID.class).toString(), r.getInt("score"));
                                    }
                                }
                            }
                            assertEquals(expected, stored, "match_players of room " + roomId);
                            return;
                        }
                        seen = "match row without ended_at";
                    }
                }
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the result of room " + roomId + " is not in PostgreSQL after 10 s (" + seen + ")");
    }

    private static JsonNode entry(JsonNode snap, String playerId) {
        JsonNode entry = find(snap, playerId);
        if (entry == null) {
            throw new AssertionError("no entry of " + playerId + " in " + snap);
        }
        return entry;
    }

    private static JsonNode find(JsonNode snap, String playerId) {
        for (JsonNode player : snap.path("players")) {
            if (playerId.equals(player.path("id").asText())) {
                return player;
            }
        }
        return null;
    }

    private static List<String> memberIds(List<Player> players) {
        return players.stream().map(Player::id).sorted().toList();
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(node -> ids.add(node.path("id").asText()));
        return ids.stream().sorted().toList();
    }

    private HttpRequest.Builder queueRequest(Player player) {
        return HttpRequest.newBuilder(http("/lobby/api/queue")).header("Authorization", "Bearer " + player.token());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI http(String path) {
        return URI.create("http://127.0.0.1:" + edgePort + path);
    }

    private URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + edgePort + path);
    }
}
