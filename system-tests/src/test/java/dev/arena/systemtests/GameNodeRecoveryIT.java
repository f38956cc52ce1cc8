package dev.arena.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arena.model.codec.MessageCodec;
import dev.arena.model.events.RoomHandoff;
import dev.arena.model.protocol.Colors;
import dev.arena.model.protocol.PlayerInfo;
import dev.arena.systemtests.harness.JsonSocket;
import dev.arena.systemtests.harness.JwtKeys;
import dev.arena.systemtests.harness.MatchmakingStack;
import dev.arena.systemtests.harness.RedisClient;
import dev.arena.systemtests.harness.ServiceProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 5's "Restart recovery": a game node killed with {@code kill -9} in the middle of a match
 * and started again with the same node id resumes the match from what it stored, and its players
 * are back with their positions and scores. Issue 30's takeover: a killed node that stays dead, a
 * paused one and a draining one have their match resumed by another node, which a matchmaker
 * grants it to.
 *
 * <p>One game node runs from its packaged jar as a child process, on Redis database 4 with a
 * shard of its own and the test database. Each case hands it a room the way the matchmaker does
 * (docs/matchmaking.md: the members' {@code player:{id}} hashes, {@code room:{id}} in state
 * {@code starting} with the node and epoch 1, the room in the node's granted set, a
 * {@code RoomHandoff} with the roster on {@code game:node:{id}:rooms}), connects
 * three players, scores a hit, moves one player for a second and keeps another one moving until
 * the kill, then kills the node, starts it again and reconnects the players. Their first
 * {@code snap} must show each player within what the stored cadence allows of the last position
 * seen before the kill, and the same scores.
 * <ul>
 * <li>From Redis: {@code room:{id}:snapshot}, written every snapshot interval (1 s, the default).
 * <li>From PostgreSQL: the snapshot is deleted while the node is down, so the node must restore
 * from the position batches in {@code match_players} (written every 1 s here instead of 10 s).
 * </ul>
 * Prints the time from the restart to the players' first {@code snap} (the brief's "clients are
 * back within 3 s") and the age of the restored positions.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GameNodeRecoveryIT {

    private static final String REDIS_URL = System.getenv().getOrDefault("ARENA_RECOVERY_TEST_REDIS_URL", "redis://127.0.0.1:6379/4");
    private static final int PORT = 19381;
    private static final String NODE_ID = "recovery-node";
    /** The live node that takes the killed node's room over (issue 30), and the matchmaker that moves it. */
    private static final int OTHER_PORT = 19382;
    private static final String OTHER_NODE_ID = "recovery-other-node";
    private static final int MATCHMAKER_PORT = 19383;
    private static final Duration SNAPSHOT_INTERVAL = Duration.ofSeconds(1);
    private static final Duration POSITIONS_INTERVAL = Duration.ofSeconds(1);
    private static final double SPEED = 200; // GameRules' default player speed, units/s
    private static final double WIDTH = 1600;
    /** Slack for the store write that follows a snapshot's copy and for a snap's own age (one send at 20 Hz). */
    private static final Duration SLACK = Duration.ofMillis(100);
    private static final Duration STEP = Duration.ofSeconds(10);

    private static final Path WORK = Path.of(System.getProperty("basedir", ".")).resolve("target/recovery-it");
    private static final String SHARD = "recov-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String PREFIX = "{" + SHARD + "}:";

    private static JwtKeys keys;
    private static RedisClient redis;
    private static ServiceProcess node;
    private static int starts;
    private static final List<String> rooms = new ArrayList<>();
    /** Services a case leaves running for the next steps of its test; stopped with the node. */
    private static final List<ServiceProcess> stopLater = new ArrayList<>();

    @BeforeAll
    static void startNode() {
        keys = JwtKeys.generate(WORK.resolve("keys"));
        redis = new RedisClient(REDIS_URL);
        node = startNodeProcess(NODE_ID, PORT);
        node.awaitReady(Duration.ofSeconds(90));
    }

    @AfterAll
    static void cleanUp() {
        if (node != null) {
            if (node.isAlive()) {
                node.signal("CONT"); // a paused node would otherwise sit out its SIGTERM's grace
            }
            node.stop();
        }
        stopLater.forEach(ServiceProcess::stop);
        if (redis != null) {
            try {
                redis.deleteMatching(PREFIX + "*");
                for (String room : rooms) {
                    redis.call("DEL", "room:{" + room + "}:snapshot");
                }
            } catch (RuntimeException e) {
                System.err.println("could not clean the keys of shard " + SHARD + ": " + e);
            }
            redis.close();
        }
    }

    @Test
    @Order(1)
    void aKilledNodeResumesItsMatchFromTheRedisSnapshot() throws Exception {
        Recovery result = killAndRecover(Case.RESTART_FROM_REDIS);

        result.assertWithin(SPEED * (SNAPSHOT_INTERVAL.plus(SLACK).toMillis() / 1000.0), "the Redis snapshot cadence");
    }

    @Test
    @Order(2)
    void withoutTheRedisSnapshotTheNodeResumesFromPostgresql() throws Exception {
        Recovery result = killAndRecover(Case.RESTART_FROM_POSTGRESQL);

        assertTrue(Files.readString(node.log()).contains("room " + result.roomId + " restored from PostgreSQL"),
                "the node did not say it restored from PostgreSQL:\n" + node.tail());
        // Positions reach PostgreSQL with a snapshot that is at least the positions interval after
        // the last one written: with both at 1 s that is every one or two snapshots.
        result.assertWithin(SPEED * (POSITIONS_INTERVAL.plus(SNAPSHOT_INTERVAL).plus(SLACK).toMillis() / 1000.0),
                "the PostgreSQL cadence");
    }

    /**
     * Issue 30's takeover: the killed node does not come back. The matchmaker notices its heartbeat
     * lapse and grants the room to the other live node, which restores the match from the Redis
     * snapshot; the players find the new node where the lobby would tell them (their
     * {@code player:{id}} hash's node) and are back with their positions and scores.
     */
    @Test
    @Order(3)
    void aNodeThatDiesForGoodHasItsMatchTakenOverByAnotherNode() throws Exception {
        takeOver(Case.TAKEOVER);
    }

    /**
     * A node that was only paused ({@code SIGSTOP}) for longer than its heartbeat's TTL has its
     * match taken over like a dead one; when it runs again ({@code SIGCONT}) it lets the room go at
     * its next lease check and never overwrites the new owner's snapshot.
     */
    @Test
    @Order(4)
    void aPausedNodeThatComesBackLetsTheRoomItLostGo() throws Exception {
        Recovery result = takeOver(Case.PAUSE);
        String snapshot = "room:{" + result.roomId + "}:snapshot";
        node.signal("CONT");
        long wokeAt = System.currentTimeMillis();
        awaitLog(node, "room " + result.roomId + " called off", Duration.ofSeconds(10));
        Thread.sleep(SNAPSHOT_INTERVAL.multipliedBy(2).toMillis());

        assertEquals("2", redis.call("HGET", snapshot, "epoch"), "the snapshot is still the new owner's");
        assertTrue(Long.parseLong(String.valueOf(redis.call("HGET", snapshot, "taken_at"))) > wokeAt,
                "the new owner goes on storing snapshots");
        assertEquals(OTHER_NODE_ID, redis.call("HGET", PREFIX + "room:" + result.roomId, "node"));
        assertEquals("running", redis.call("HGET", PREFIX + "room:" + result.roomId, "state"));
        node.stop();
    }

    /**
     * A drain (SIGTERM, as a rolling update sends) hands the node's match to another node: the
     * final snapshot is stored before the heartbeat goes, and the other node resumes from it.
     */
    @Test
    @Order(5)
    void aDrainingNodeHandsItsMatchToAnotherNode() throws Exception {
        takeOver(Case.DRAIN);

        assertTrue(Files.readString(node.log()).contains("node drained"), "the node did not drain:\n" + node.tail());
    }

    /** Runs a takeover case with a matchmaker and a second node beside the one that goes away. */
    private Recovery takeOver(Case how) throws Exception {
        ServiceProcess matchmaker = startMatchmakerProcess();
        ServiceProcess other = startNodeProcess(OTHER_NODE_ID, OTHER_PORT);
        try {
            matchmaker.awaitReady(Duration.ofSeconds(90));
            other.awaitReady(Duration.ofSeconds(90));
            if (!node.isAlive()) {
                node = startNodeProcess(NODE_ID, PORT);
            }
            node.awaitReady(Duration.ofSeconds(90));

            Recovery result = killAndRecover(how);

            result.assertWithin(SPEED * (SNAPSHOT_INTERVAL.plus(SLACK).toMillis() / 1000.0), "the Redis snapshot cadence");
            assertEquals(OTHER_NODE_ID, redis.call("HGET", PREFIX + "room:" + result.roomId, "node"));
            assertEquals("2", redis.call("HGET", PREFIX + "room:" + result.roomId, "epoch"), "a new grant");
            awaitLog(matchmaker, "room " + result.roomId + " taken over by node " + OTHER_NODE_ID, Duration.ofSeconds(5));
            if (how == Case.PAUSE) {
                // The new owner's snapshot carries its grant before the paused node wakes.
                Thread.sleep(SNAPSHOT_INTERVAL.plus(SLACK).toMillis());
            }
            return result;
        } finally {
            if (how == Case.PAUSE) {
                // Kept running past the paused node's wake-up, which the caller checks.
                stopLater.add(other);
                stopLater.add(matchmaker);
            } else {
                other.stop();
                matchmaker.stop();
            }
        }
    }

    private static void awaitLog(ServiceProcess process, String line, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (!Files.readString(process.log()).contains(line)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(process.name() + " did not log \"" + line + "\" within " + within + ":\n" + process.tail());
            }
            Thread.sleep(100);
        }
    }

    /** How the killed node's match comes back. */
    private enum Case {
        RESTART_FROM_REDIS, RESTART_FROM_POSTGRESQL, TAKEOVER, PAUSE, DRAIN;

        /** Whether another node takes the match over (the node does not come back with it). */
        boolean takenOver() {
            return this == TAKEOVER || this == PAUSE || this == DRAIN;
        }
    }

    /** What one case measured. */
    private record Recovery(String roomId, Map<String, JsonNode> before, Map<String, JsonNode> after, String stopped,
            String moving, long restartToSnapMs, long killToSnapMs) {

        void assertWithin(double tolerance, String what) {
            for (Map.Entry<String, JsonNode> seen : before.entrySet()) {
                JsonNode then = seen.getValue();
                JsonNode now = after.get(seen.getKey());
                String who = seen.getKey().equals(moving) ? "the player moving at the kill"
                        : seen.getKey().equals(stopped) ? "the player who moved and stopped" : "an idle player";
                double distance = Math.hypot(now.path("x").asDouble() - then.path("x").asDouble(),
                        now.path("y").asDouble() - then.path("y").asDouble());
                assertTrue(distance <= tolerance, String.format("%s (%s) is back %.1f units from where it was seen before the "
                        + "kill, more than %.0f (%s): before %s, after %s", who, seen.getKey(), distance, tolerance, what, then, now));
                assertEquals(then.path("score").asInt(), now.path("score").asInt(), who + " lost its score: before " + then
                        + ", after " + now);
            }
            assertTrue(restartToSnapMs < 15_000, "no snap within 15 s of the restart");
        }
    }

    private Recovery killAndRecover(Case how) throws Exception {
        boolean withoutRedisSnapshot = how == Case.RESTART_FROM_POSTGRESQL;
        String roomId = UUID.randomUUID().toString();
        rooms.add(roomId);
        Map<String, String> tokens = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            String id = UUID.randomUUID().toString();
            tokens.put(id, keys.playerToken(UUID.fromString(id), "Recov" + i));
        }
        List<String> ids = new ArrayList<>(tokens.keySet());
        handOver(roomId, ids);

        Map<String, JsonSocket> sockets = new LinkedHashMap<>();
        Map<String, AtomicReference<JsonNode>> latest = new HashMap<>();
        AtomicBoolean keepMoving = new AtomicBoolean(true);
        Thread movingSender = null;
        try {
            for (String id : ids) {
                AtomicReference<JsonNode> last = new AtomicReference<>();
                latest.put(id, last);
                JsonSocket socket = JsonSocket.openRetrying("player-" + id.substring(0, 8), gameUri(PORT, NODE_ID, roomId), tokens.get(id),
                        Duration.ofSeconds(10), frame -> {
                            if ("snap".equals(frame.type())) {
                                last.set(frame.json());
                            }
                        });
                sockets.put(id, socket);
                socket.next("start", STEP);
            }
            JsonSocket observer = sockets.get(ids.get(2));
            JsonNode first = observer.next("snap", json -> json.path("players").size() == 3, STEP).json();

            // A hit, so there is a score to keep.
            scoreAHit(ids, sockets, latest.get(ids.get(2)), first);

            // ids[0] moves for a second and stops; ids[1] keeps moving until the kill.
            JsonNode now = latest.get(ids.get(2)).get();
            String stopped = ids.get(0);
            String moving = ids.get(1);
            boolean stoppedRight = x(now, stopped) < WIDTH / 2;
            boolean movingRight = x(now, moving) < WIDTH / 2;
            JsonSocket movingSocket = sockets.get(moving);
            long[] movingSeq = {1000};
            movingSender = new Thread(() -> {
                while (keepMoving.get()) {
                    try {
                        movingSocket.sendInput(++movingSeq[0], false, false, !movingRight, movingRight, 0, false);
                        Thread.sleep(33);
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        return; // the node is gone
                    }
                }
            }, "recovery-moving-player");
            movingSender.setDaemon(true);
            movingSender.start();
            JsonSocket stoppedSocket = sockets.get(stopped);
            long seq = 1000;
            long until = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (System.nanoTime() < until) {
                stoppedSocket.sendInput(++seq, false, false, !stoppedRight, stoppedRight, 0, false);
                Thread.sleep(33);
            }
            stoppedSocket.sendInput(++seq, false, false, false, false, 0, false);
            // Longer than the cadence that stores the stopped player's final position.
            Duration settle = withoutRedisSnapshot ? POSITIONS_INTERVAL.plus(SNAPSHOT_INTERVAL).plusMillis(500)
                    : SNAPSHOT_INTERVAL.plusMillis(500);
            Thread.sleep(settle.toMillis());

            // kill -9, and what the players saw last
            Map<String, JsonNode> before = new LinkedHashMap<>();
            JsonNode lastSeen = latest.get(ids.get(2)).get();
            long killedAt = System.nanoTime();
            switch (how) {
                case PAUSE -> node.signal("STOP");
                case DRAIN -> node.stop();
                default -> node.kill();
            }
            keepMoving.set(false);
            for (String id : ids) {
                before.put(id, entry(lastSeen, id));
            }
            sockets.values().forEach(JsonSocket::abort);
            sockets.clear();
            if (withoutRedisSnapshot) {
                assertEquals(1L, redis.call("DEL", "room:{" + roomId + "}:snapshot"), "no Redis snapshot to delete");
            }

            // Start again with the same node id, or wait for the takeover; the players reconnect as
            // soon as the room is back where the lobby would send them.
            long restartedAt = System.nanoTime();
            URI again;
            if (how.takenOver()) {
                again = gameUri(OTHER_PORT, awaitNewNode(ids.get(0), Duration.ofSeconds(30)), roomId);
            } else {
                node = startNodeProcess(NODE_ID, PORT);
                again = gameUri(PORT, NODE_ID, roomId);
            }
            Map<String, JsonNode> after = new LinkedHashMap<>();
            long firstSnapAt = 0;
            for (String id : ids) {
                JsonSocket socket = JsonSocket.openRetrying("player-" + id.substring(0, 8) + "-again", again,
                        tokens.get(id), Duration.ofSeconds(20), frame -> {});
                sockets.put(id, socket);
            }
            for (String id : ids) {
                JsonSocket.Frame snap = sockets.get(id).next("snap", json -> json.path("players").size() == 3, STEP);
                firstSnapAt = Math.max(firstSnapAt, snap.atNanos());
                if (id.equals(ids.get(2))) {
                    for (String member : ids) {
                        after.put(member, entry(snap.json(), member));
                    }
                }
            }
            if (!how.takenOver()) {
                node.awaitReady(Duration.ofSeconds(30));
            }

            Recovery result = new Recovery(roomId, before, after, stopped, moving, (firstSnapAt - restartedAt) / 1_000_000,
                    (firstSnapAt - killedAt) / 1_000_000);
            double age = Math.abs(x(lastSeen, moving) - after.get(moving).path("x").asDouble()) / SPEED * 1000;
            System.out.printf("game node recovery (%s): kill -9 (SIGSTOP, SIGTERM) -> all 3 players' first snap %d ms, restart or takeover wait -> first snap %d ms; "
                            + "restored position of the player moving at the kill is %.0f ms of movement behind the last one "
                            + "seen; the stopped player is %.1f units off, scores %s -> %s (the node logged: %s)%n",
                    how, result.killToSnapMs(), result.restartToSnapMs(),
                    age, distance(before.get(stopped), after.get(stopped)), scores(before), scores(after), startedIn());
            return result;
        } finally {
            keepMoving.set(false);
            if (movingSender != null) {
                movingSender.join(2000);
            }
            sockets.values().forEach(JsonSocket::close);
        }
    }

    /** The shooter and target closest together (the third one is the observer's view): fire until someone scores. */
    private static void scoreAHit(List<String> ids, Map<String, JsonSocket> sockets, AtomicReference<JsonNode> latest, JsonNode first)
            throws InterruptedException {
        String shooter = null;
        String target = null;
        double best = Double.MAX_VALUE;
        for (String a : ids) {
            for (String b : ids) {
                double d = a.equals(b) ? Double.MAX_VALUE : distance(entry(first, a), entry(first, b));
                if (d < best) {
                    best = d;
                    shooter = a;
                    target = b;
                }
            }
        }
        if (best > 800) {
            // 600 units/s for 1.5 s reach 900; with three random spawns this is rare.
            System.out.printf("game node recovery: the players spawned %.0f units apart at least; no hit to keep%n", best);
            return;
        }
        JsonSocket gun = sockets.get(shooter);
        long seq = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        while (System.nanoTime() < deadline && totalScore(latest.get()) == 0) {
            JsonNode snap = latest.get();
            JsonNode from = entry(snap, shooter);
            JsonNode to = entry(snap, target);
            double aim = Math.atan2(to.path("y").asDouble() - from.path("y").asDouble(), to.path("x").asDouble() - from.path("x").asDouble());
            gun.sendInput(++seq, false, false, false, false, aim, true);
            Thread.sleep(50);
        }
        gun.sendInput(++seq, false, false, false, false, 0, false);
        assertTrue(totalScore(latest.get()) > 0, "no hit within 4 s at " + best + " units: " + latest.get());
        // Let the projectiles of the other shots run out.
        Thread.sleep(1600);
    }

    private static void handOver(String roomId, List<String> players) {
        String now = Long.toString(System.currentTimeMillis());
        List<String[]> commands = new ArrayList<>();
        for (int i = 0; i < players.size(); i++) {
            String key = PREFIX + "player:" + players.get(i);
            commands.add(new String[] {"HSET", key, "name", "Recov" + i, "colors", "{\"primary\":\"#e6194b\",\"secondary\":\"#3cb44b\"}",
                    "status", "in_room", "room", roomId, "node", NODE_ID, "joined_timestamp", now});
            commands.add(new String[] {"PEXPIRE", key, "300000"});
        }
        String room = PREFIX + "room:" + roomId;
        commands.add(new String[] {"HSET", room, "state", "starting", "created", now, "node", NODE_ID, "epoch", "1"});
        commands.add(new String[] {"PEXPIRE", room, "600000"});
        commands.add(new String[] {"SADD", PREFIX + "game:node:" + NODE_ID + ":granted", roomId});
        List<String> members = new ArrayList<>(List.of("SADD", room + ":players"));
        members.addAll(players);
        commands.add(members.toArray(String[]::new));
        List<PlayerInfo> roster = new ArrayList<>();
        for (int i = 0; i < players.size(); i++) {
            roster.add(new PlayerInfo(players.get(i), "Recov" + i, new Colors("#e6194b", "#3cb44b")));
        }
        List<String> handoff = new ArrayList<>(List.of("XADD", PREFIX + "game:node:" + NODE_ID + ":rooms", "*"));
        new RoomHandoff(roomId, 1, Long.parseLong(now), false, 15_000, roster).toFields(new MessageCodec()).forEach((field, value) -> {
            handoff.add(field);
            handoff.add(value);
        });
        commands.add(handoff.toArray(String[]::new));
        for (Object reply : redis.pipeline(commands)) {
            if (reply instanceof RedisClient.RedisError error) {
                throw error;
            }
        }
    }

    private static ServiceProcess startNodeProcess(String nodeId, int port) {
        Map<String, String> env = serviceEnv();
        env.put("ARENA_GAME_NODE_ID", nodeId);
        env.put("ARENA_GAME_SNAPSHOT_INTERVAL", SNAPSHOT_INTERVAL.toString());
        env.put("ARENA_GAME_POSITIONS_INTERVAL", POSITIONS_INTERVAL.toString());
        starts++;
        return ServiceProcess.start(nodeId + "-" + starts, ServiceProcess.jar(MatchmakingStack.repo(), "game-service"), port, env,
                List.of("-Xmx256m"), null, WORK.resolve("logs"));
    }

    private static ServiceProcess startMatchmakerProcess() {
        Map<String, String> env = serviceEnv();
        env.put("ARENA_MATCHMAKER_CONSUMER_NAME", SHARD + "-mm");
        return ServiceProcess.start("matchmaker", ServiceProcess.jar(MatchmakingStack.repo(), "matchmaker-service"), MATCHMAKER_PORT,
                env, List.of("-Xmx256m"), null, WORK.resolve("logs"));
    }

    private static Map<String, String> serviceEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("ARENA_REDIS_URL", REDIS_URL);
        env.put("ARENA_SHARD_NAME", SHARD);
        env.put("ARENA_JWT_PUBLIC_KEY_FILE", keys.publicKeyFile().toString());
        // ./stack test exports ARENA_DB_USER/PASSWORD/HOST/PORT; the services' defaults apply otherwise.
        env.put("ARENA_DB_NAME", System.getenv().getOrDefault("ARENA_TEST_DB_NAME", "arena_test"));
        return env;
    }

    /** The node the player's placement names once it is no longer the killed one: what the lobby would send the player to. */
    private static String awaitNewNode(String playerId, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            Object placed = redis.call("HGET", PREFIX + "player:" + playerId, "node");
            if (placed != null && !NODE_ID.equals(placed.toString())) {
                return placed.toString();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the killed node's room was not taken over within " + within);
    }

    /** Quarkus' own start time from the node's log ("started in 1.724s"), to tell it apart from the restore. */
    private static String startedIn() {
        try {
            return Files.readAllLines(node.log()).stream().filter(line -> line.contains(" started in "))
                    .map(line -> line.substring(line.indexOf("started in ")).replaceAll("\\. Listening.*", ""))
                    .findFirst().orElse("no start line");
        } catch (java.io.IOException e) {
            return "no log";
        }
    }

    private static URI gameUri(int port, String nodeId, String roomId) {
        return URI.create("ws://127.0.0.1:" + port + "/game/" + nodeId + "/" + roomId);
    }

    private static JsonNode entry(JsonNode snap, String playerId) {
        for (JsonNode player : snap.path("players")) {
            if (playerId.equals(player.path("id").asText())) {
                return player;
            }
        }
        throw new AssertionError("no entry of " + playerId + " in " + snap);
    }

    private static double x(JsonNode snap, String playerId) {
        return entry(snap, playerId).path("x").asDouble();
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

    private static Map<String, Integer> scores(Map<String, JsonNode> entries) {
        Map<String, Integer> scores = new LinkedHashMap<>();
        entries.forEach((id, entry) -> scores.put(id.substring(0, 8), entry.path("score").asInt()));
        return scores;
    }
}
