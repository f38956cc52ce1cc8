package dev.arena.game.node;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arena.game.config.GameConfig;
import dev.arena.game.store.ControlPlane;
import dev.arena.model.codec.BinaryFrames;
import dev.arena.model.codes.CloseCode;
import dev.arena.model.events.NodeEvent;
import dev.arena.model.keys.PlayerFields;
import dev.arena.model.keys.RedisKeys;
import dev.arena.model.protocol.ErrorMessage;
import dev.arena.model.protocol.GameProtocol;
import dev.arena.model.protocol.GameServerMessage;
import dev.arena.model.protocol.GameServerMessage.End;
import dev.arena.model.protocol.GameServerMessage.Pong;
import dev.arena.model.protocol.GameServerMessage.Snapshot;
import dev.arena.model.protocol.GameServerMessage.Start;
import dev.arena.model.protocol.SnapshotPlayer;
import dev.arena.model.protocol.SocketAuth;
import dev.arena.testsupport.JwtKeysResource;
import dev.arena.testsupport.RawUpgrade;
import dev.arena.testsupport.TestTags;
import dev.arena.testsupport.TestTokens;
import io.netty.util.concurrent.EventExecutor;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.jboss.logging.Logger;

/** The node over real sockets, Redis and PostgreSQL: announce, take a room, play it, refuse what must be refused. */
@Tag(TestTags.REDIS_CLUSTER)
@QuarkusTest
@TestProfile(GameNodeTest.Profile.class)
@QuarkusTestResource(JwtKeysResource.class)
class GameNodeTest {

    public static class Profile extends ShardProfile {
        @Override
        protected Map<String, String> settings() {
            return Map.of("arena.game.node-id", NODE);
        }
    }

    static final String NODE = "game-node-test";
    private static final Logger LOG = Logger.getLogger(GameNodeTest.class);

    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    GameConfig config;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    /** Redis through the control plane's own loop: readable while the test keeps the shared loops busy. */
    @Inject
    @ControlPlane
    RedisDataSource controlPlane;

    private Matchmaker matchmaker;
    private final List<GameClient> clients = new ArrayList<>();

    @BeforeEach
    void setUp() {
        matchmaker = new Matchmaker(redis, keys);
    }

    @AfterEach
    void closeClients() {
        clients.forEach(GameClient::close);
        clients.clear();
    }

    @Test
    void theNodeAnnouncesItselfWithItsLoad() throws Exception {
        awaitTrue(() -> redis.key().exists(keys.gameNodeHeartbeat(NODE)), "heartbeat key");
        assertTrue(redis.key().pttl(keys.gameNodeHeartbeat(NODE)) <= config.heartbeatTtl().toMillis());
        assertTrue(redis.sortedSet(String.class).zscore(keys.gameNodes(), NODE).isPresent());
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("arena_game_tick_lateness_seconds"))
                .body(containsString("arena_game_tick_duration_seconds"))
                .body(containsString("arena_game_rooms"))
                .body(containsString("arena_game_players_connected"))
                .body(containsString("arena_game_inbox_drops_total"));
    }

    @Test
    void threePlayersSeeEachOtherMoveAndAHitScores() throws Exception {
        List<String> players = Matchmaker.players(3);
        String roomId = matchmaker.startRoom(NODE, players);

        GameClient a = join(roomId, players.get(0));
        GameClient b = join(roomId, players.get(1));
        GameClient c = join(roomId, players.get(2));
        Start start = a.next(Start.class, s -> true);
        assertEquals(players.get(0), start.you());
        assertEquals(3, start.roster().size());
        assertTrue(start.roster().stream().anyMatch(p -> p.name().equals("P1")), "names come from the handoff's roster");
        // 20 Hz asked on a 15 ms tick: every 3rd tick, so the announced rate is the even one.
        assertEquals(1000.0 / 45, start.sendRateHz(), 1e-9);
        assertEquals(start.sendRateHz(), start.rules().sendRateHz());
        assertTrue(start.endsAt() > System.currentTimeMillis());
        b.next(Start.class, s -> true);
        c.next(Start.class, s -> true);
        awaitTrue(() -> matchmaker.reported(NodeEvent.arrived(roomId, NODE, Matchmaker.EPOCH, players.get(0))), "arrival reported");
        awaitTrue(() -> matchmaker.reported(NodeEvent.settled(roomId, NODE, Matchmaker.EPOCH, players)),
                "arrivals settled as soon as every member came, long before the window's end");
        assertEquals("in_room", redis.hash(String.class).hget(keys.player(players.get(0)), PlayerFields.STATUS),
                "the placement is the matchmaker's to change on the report");

        // A moves (away from the nearer wall); B sees A's x change.
        double ax = entry(b.next(Snapshot.class, s -> s.players().size() == 3), players.get(0)).x();
        boolean right = ax < 800;
        long seq = 0;
        for (int i = 0; i < 10; i++) {
            seq = a.input(false, false, !right, right, 0, false);
            Thread.sleep(30);
        }
        long lastSeq = seq;
        Snapshot moved = b.next(Snapshot.class, s -> entry(s, players.get(0)).seq() == lastSeq);
        double newX = entry(moved, players.get(0)).x();
        assertTrue(right ? newX > ax + 10 : newX < ax - 10, "A moved from " + ax + " to " + newX);
        a.input(false, false, false, false, 0, false);

        // A hunts C (standing still), then shoots at it: the score shows in everyone's snapshot.
        hunt(a, players.get(0), players.get(2));
        Snapshot scored = c.next(Snapshot.class, s -> entry(s, players.get(0)).score() >= 1);
        assertTrue(entry(scored, players.get(0)).score() >= 1);

        a.send("{\"t\":\"ping\",\"id\":3,\"clientTime\":42}");
        Pong pong = a.next(Pong.class, p -> p.id() == 3);
        assertEquals(42, pong.clientTime());

        given().auth().oauth2(TestTokens.admin()).when().get("/admin/rooms").then().statusCode(200)
                .body("nodeId", equalTo(NODE))
                .body("rooms.roomId", hasItem(roomId))
                .body("tick.lateness.count", greaterThan(0));
        logTickStatistics();

        // The operator ends it: the point reaches the leaderboard in Redis and PostgreSQL.
        given().auth().oauth2(TestTokens.admin()).when().post("/admin/rooms/" + roomId + "/end").then().statusCode(200);
        a.next(End.class, e -> true);
        awaitTrue(() -> redis.sortedSet(String.class).zscore(keys.leaderboard(), players.get(0)).orElse(0.0) >= 1,
                "the shooter on the Redis leaderboard");
        long total = pool.preparedQuery("SELECT total_score FROM leaderboard WHERE player_id = $1")
                .execute(Tuple.of(UUID.fromString(players.get(0)))).await().atMost(Duration.ofSeconds(5))
                .iterator().next().getLong("total_score");
        assertTrue(total >= 1, "total " + total);
    }

    /** Moves {@code shooter} until {@code target} is in range, then fires at it until it scores. */
    private static void hunt(GameClient shooter, String shooterId, String targetId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Snapshot snap = shooter.latestSnapshot();
            SnapshotPlayer me = entry(snap, shooterId);
            if (me.score() >= 1) {
                shooter.input(false, false, false, false, 0, false);
                return;
            }
            SnapshotPlayer target = entry(snap, targetId);
            double dx = target.x() - me.x();
            double dy = target.y() - me.y();
            boolean close = Math.hypot(dx, dy) < 400;
            shooter.input(!close && dy < -20, !close && dy > 20, !close && dx < -20, !close && dx > 20, Math.atan2(dy, dx), close);
            Thread.sleep(40);
        }
        throw new AssertionError("the shooter never scored");
    }

    @Test
    void upgradesAreRefusedWithoutATokenOrMembership() throws Exception {
        List<String> players = Matchmaker.players(3);
        String roomId = matchmaker.startRoom(NODE, players);
        assertEquals(401, refusal(GameClient.uri(base, NODE, roomId), null));
        // Quarkus logs "Response has already been written" for this one: its security check answers
        // 401 and the failed authentication also reaches the REST error mappers. The client gets 401.
        assertEquals(401, refusal(GameClient.uri(base, NODE, roomId), TestTokens.forgedAdmin()));
        assertEquals(403, refusal(GameClient.uri(base, NODE, roomId), TestTokens.player()));
        assertEquals(404, refusal(GameClient.uri(base, "another-node", roomId), TestTokens.player(players.get(0))));
        assertEquals(404, refusal(GameClient.uri(base, NODE, "no-such-room"), TestTokens.player(players.get(0))));
    }

    @Test
    void theTokenTravelsAsASubprotocolAndCompressionIsNeverNegotiated() throws Exception {
        List<String> players = Matchmaker.players(3);
        String roomId = matchmaker.startRoom(NODE, players);
        // As a browser offers it: no Authorization header, the token in the carrier beside "arena".
        // Size limits apply to the bytes on the wire: a compressed frame could inflate far past them.
        RawUpgrade.Answer answer = RawUpgrade.upgrade(GameClient.uri(base, NODE, roomId), TestTokens.player(players.get(0)),
                Map.of("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits, x-webkit-deflate-frame, deflate-frame"));
        assertEquals(101, answer.status());
        assertEquals(SocketAuth.SUBPROTOCOL, answer.headers().get("sec-websocket-protocol"));
        assertFalse(answer.headers().containsKey("sec-websocket-extensions"), "negotiated " + answer.headers());
    }

    @Test
    void anUpgradeThatArrivesBeforeTheNodeTookTheRoomWaitsForIt() throws Exception {
        List<String> players = Matchmaker.players(3);
        String roomId = "r-" + UUID.randomUUID();
        // match.ready reaches players as the handoff is written: their upgrade may beat the node's read.
        CompletableFuture<GameClient> early = CompletableFuture.supplyAsync(() -> {
            try {
                return join(roomId, players.get(0));
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        Thread.sleep(300);
        matchmaker.handOff(NODE, players, roomId);
        GameClient client = early.get(10, TimeUnit.SECONDS);
        assertEquals(players.get(0), client.next(Start.class, s -> true).you());
    }

    @Test
    void badFramesAreAnsweredOrCloseOnlyTheirSocket() throws Exception {
        List<String> players = Matchmaker.players(3);
        String roomId = matchmaker.startRoom(NODE, players);
        GameClient good = join(roomId, players.get(0));
        good.next(Start.class, s -> true);

        GameClient bad = join(roomId, players.get(1));
        bad.next(Start.class, s -> true);
        bad.send("{not json");
        assertEquals("malformed_json", bad.next(ErrorMessage.class, e -> true).code());
        bad.send("{\"t\":\"fly\"}");
        assertEquals("unknown_message", bad.next(ErrorMessage.class, e -> true).code());
        bad.send("{\"t\":\"in\",\"seq\":1,\"up\":true,\"down\":false,\"left\":false,\"right\":false,\"aim\":\"NaN\",\"fire\":false}");
        assertEquals("invalid_value", bad.next(ErrorMessage.class, e -> true).code());
        bad.send("{\"t\":\"in\",\"seq\":1,\"up\":true,\"down\":false,\"left\":false,\"right\":false,\"aim\":7.0,\"fire\":false}");
        assertEquals("invalid_value", bad.next(ErrorMessage.class, e -> true).code());
        bad.send("{\"t\":\"in\",\"seq\":-1,\"up\":true,\"down\":false,\"left\":false,\"right\":false,\"aim\":0,\"fire\":false}");
        assertEquals("invalid_value", bad.next(ErrorMessage.class, e -> true).code());
        bad.send("{\"t\":\"in\",\"seq\":99999999,\"up\":true,\"down\":false,\"left\":false,\"right\":false,\"aim\":0,\"fire\":false}");
        assertEquals("invalid_value", bad.next(ErrorMessage.class, e -> true).code());
        bad.send("{\"t\":\"in\",\"seq\":1,\"up\":true,\"down\":false,\"left\":false,\"right\":false,\"aim\":1e400,\"fire\":false}");
        assertEquals("invalid_value", bad.next(ErrorMessage.class, e -> true).code());
        // A message in fragments counts whole: answered as one frame, closed with 1009 when the whole is above 1 KB.
        bad.sendFragments("{\"t\":\"ping\",", "\"id\":7,", "\"clientTime\":1}");
        bad.next(Pong.class, p -> p.id() == 7);
        bad.send("{\"t\":\"ping\",\"pad\":\"" + "x".repeat(2000) + "\"}");
        assertEquals(CloseCode.TOO_BIG, bad.closed.get(10, TimeUnit.SECONDS));
        GameClient fragmented = join(roomId, players.get(1));
        fragmented.next(Start.class, s -> true);
        fragmented.sendFragments("{\"t\":\"ping\",\"pad\":\"" + "x".repeat(600), "x".repeat(600) + "\"}");
        assertEquals(CloseCode.TOO_BIG, fragmented.closed.get(10, TimeUnit.SECONDS));

        GameClient flooder = join(roomId, players.get(2));
        flooder.next(Start.class, s -> true);
        long floodEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int sent = 0;
        while (!flooder.closed.isDone() && System.nanoTime() < floodEnd) {
            flooder.input(false, false, false, false, 0, false);
            sent++;
            if (sent % 10 == 0) {
                Thread.sleep(20); // about 500 frames/s: over 3 × 60 for seconds on end
            }
        }
        assertEquals(CloseCode.POLICY_VIOLATION, flooder.closed.get(10, TimeUnit.SECONDS));

        // The room and the well-behaved player carry on.
        long tick = good.latestSnapshot().tick();
        assertTrue(good.next(Snapshot.class, s -> s.tick() > tick).tick() > tick);
        good.send("{\"t\":\"ping\",\"id\":1,\"clientTime\":1}");
        good.next(Pong.class, p -> p.id() == 1);
        assertEquals("running", matchmaker.roomState(roomId));
    }

    @Test
    void aRoomOfBothProtocolVersionsSendsEachMemberItsOwnForm() throws Exception {
        List<String> players = Matchmaker.players(3);
        String roomId = matchmaker.startRoom(NODE, players);
        GameClient binary = join(roomId, players.get(0));
        binary.next(Start.class, s -> true);
        GameClient json = join(roomId, players.get(1), GameProtocol.V1);
        json.next(Start.class, s -> true);

        // A binary input moves its player and is acknowledged; the JSON member sees the same move.
        double before = entry(binary.latestSnapshot(), players.get(0)).x();
        long seq = binary.input(false, false, before > 800, before <= 800, 1.0, false);
        Snapshot acked = binary.next(Snapshot.class, s -> entry(s, players.get(0)).seq() == seq);
        assertEquals(1.0, entry(acked, players.get(0)).aim(), BinaryFrames.aim(1) / 2);
        Snapshot moved = json.next(Snapshot.class, s -> Math.abs(entry(s, players.get(0)).x() - before) > 50);

        // Both forms of one send carry the same state, to the binary form's step.
        Snapshot sameTick = binary.next(Snapshot.class, s -> s.tick() >= moved.tick());
        Snapshot text = sameTick.tick() == moved.tick() ? moved : json.next(Snapshot.class, s -> s.tick() == sameTick.tick());
        for (SnapshotPlayer player : text.players()) {
            SnapshotPlayer other = entry(sameTick, player.id());
            assertEquals(player.x(), other.x(), GameClient.POSITION_STEP);
            assertEquals(player.y(), other.y(), GameClient.POSITION_STEP);
            assertEquals(player.score(), other.score());
            assertEquals(player.seq(), other.seq());
        }
    }

    @Test
    void badBinaryFramesAreAnsweredAndAVersion1SocketIgnoresThem() throws Exception {
        List<String> players = Matchmaker.players(3);
        String roomId = matchmaker.startRoom(NODE, players);
        GameClient binary = join(roomId, players.get(0));
        binary.next(Start.class, s -> true);
        binary.sendBinary(new byte[] {BinaryFrames.INPUT, 0, 0});
        assertEquals("malformed_frame", binary.next(ErrorMessage.class, e -> true).code());
        binary.sendBinary(new byte[] {0x7f, 0, 0, 0, 1, 0, 0, 0});
        assertEquals("unknown_message", binary.next(ErrorMessage.class, e -> true).code());
        binary.sendBinary(new byte[] {BinaryFrames.INPUT, 0, 0, 0, 1, (byte) 0x80, 0, 0});
        assertEquals("invalid_value", binary.next(ErrorMessage.class, e -> true).code());
        long seq = binary.input(true, false, false, false, 0, false);
        binary.next(Snapshot.class, s -> entry(s, players.get(0)).seq() == seq);

        GameClient json = join(roomId, players.get(1), GameProtocol.V1);
        json.next(Start.class, s -> true);
        json.sendBinary(BinaryFrames.encodeInput(5, true, false, false, false, 0, false));
        json.send("{\"t\":\"ping\",\"id\":9,\"clientTime\":1}");
        GameServerMessage answer;
        do {
            answer = json.frames.poll(10, TimeUnit.SECONDS);
            assertNotNull(answer, "no pong");
            assertFalse(answer instanceof ErrorMessage, "a binary frame answered on version 1: " + answer);
        } while (!(answer instanceof Pong pong && pong.id() == 9));
        assertEquals(0, entry(json.latestSnapshot(), players.get(1)).seq(), "the binary input was not applied");
    }

    @Test
    void theHeartbeatAndLeasesStayOnTimeWhileEverySharedEventLoopIsBusy() throws Exception {
        List<String> players = Matchmaker.players(3);
        String roomId = matchmaker.startRoom(NODE, players);
        awaitTrue(() -> NODE.equals(controlPlane.value(String.class).get(keys.roomLease(roomId))), "the room's lease");
        // As on a core saturated by game sockets: no turn of the shared loops for longer than the
        // heartbeat's TTL. The control plane's Redis client has a loop of its own.
        CountDownLatch released = new CountDownLatch(1);
        long hold = config.heartbeatTtl().toMillis() * 2;
        for (EventExecutor loop : vertx.nettyEventLoopGroup()) {
            loop.execute(() -> {
                try {
                    released.await(hold, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        try {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(hold - 1_000);
            while (System.nanoTime() < end) {
                assertTrue(controlPlane.key().exists(keys.gameNodeHeartbeat(NODE)), "heartbeat kept");
                assertEquals(NODE, controlPlane.value(String.class).get(keys.roomLease(roomId)), "lease kept");
                Thread.sleep(200);
            }
        } finally {
            released.countDown();
        }
        assertEquals("running", matchmaker.roomState(roomId));
    }

    @Test
    void aSecondSocketReplacesTheFirstAndAReconnectKeepsPositionAndScore() throws Exception {
        List<String> players = Matchmaker.players(3);
        String roomId = matchmaker.startRoom(NODE, players);
        GameClient first = join(roomId, players.get(0));
        first.next(Start.class, s -> true);
        for (int i = 0; i < 10; i++) {
            first.input(true, false, false, false, 0, false);
            Thread.sleep(30);
        }
        first.input(false, false, false, false, 0, false);
        Thread.sleep(200);
        SnapshotPlayer before = entry(first.latestSnapshot(), players.get(0));

        GameClient second = join(roomId, players.get(0));
        second.next(Start.class, s -> true);
        assertEquals(CloseCode.REPLACED, first.closed.get(10, TimeUnit.SECONDS));
        SnapshotPlayer after = entry(second.next(Snapshot.class, s -> true), players.get(0));
        assertEquals(before.x(), after.x(), 1e-9);
        assertEquals(before.y(), after.y(), 1e-9);
        assertEquals(before.score(), after.score());

        second.socket().sendClose(1000, "bye").get(5, TimeUnit.SECONDS);
        second.closed.get(10, TimeUnit.SECONDS);
        GameClient third = join(roomId, players.get(0));
        third.next(Start.class, s -> true);
        SnapshotPlayer back = entry(third.next(Snapshot.class, s -> true), players.get(0));
        assertEquals(before.x(), back.x(), 1e-9);
        assertEquals(before.y(), back.y(), 1e-9);
        // A new connection numbers its inputs from 1 again, and they are applied.
        long seq = third.input(false, true, false, false, 0, false);
        assertEquals(1, seq);
        Snapshot acked = third.next(Snapshot.class, s -> entry(s, players.get(0)).seq() == 1);
        assertNotNull(acked);
    }

    @Test
    void anOperatorCanEndAMatchEarlyAndUnknownRoomsAre404() throws Exception {
        given().auth().oauth2(TestTokens.admin()).when().post("/admin/rooms/nope/end").then().statusCode(404)
                .body("code", equalTo("not_found"));
        given().auth().oauth2(TestTokens.player()).when().get("/admin/rooms").then().statusCode(403);

        List<String> players = Matchmaker.players(3);
        String roomId = matchmaker.startRoom(NODE, players);
        GameClient a = join(roomId, players.get(0));
        a.next(Start.class, s -> true);
        given().auth().oauth2(TestTokens.admin()).when().post("/admin/rooms/" + roomId + "/end").then().statusCode(200)
                .body("ending", equalTo(true));
        a.next(End.class, e -> true);
        assertEquals(CloseCode.MATCH_OVER, a.closed.get(10, TimeUnit.SECONDS));
        awaitTrue(() -> matchmaker.reported(NodeEvent.ended(roomId, NODE, Matchmaker.EPOCH)), "the end reported");
        assertTrue(redis.key().exists(keys.room(roomId)), "the room's record is the matchmaker's to delete on the report");
    }

    // ---- helpers ----

    private GameClient join(String roomId, String playerId) throws Exception {
        return join(roomId, playerId, GameProtocol.V2);
    }

    private GameClient join(String roomId, String playerId, GameProtocol protocol) throws Exception {
        GameClient client = GameClient.connect(GameClient.uri(base, NODE, roomId), TestTokens.player(playerId), protocol);
        clients.add(client);
        assertEquals(protocol.subprotocol(), client.subprotocol());
        return client;
    }

    private static int refusal(URI uri, String token) {
        ExecutionException refused = assertThrows(ExecutionException.class, () -> GameClient.connect(uri, token));
        return assertInstanceOf(WebSocketHandshakeException.class, refused.getCause()).getResponse().statusCode();
    }

    static SnapshotPlayer entry(Snapshot snapshot, String playerId) {
        return snapshot.players().stream().filter(p -> p.id().equals(playerId)).findFirst()
                .orElseThrow(() -> new AssertionError(playerId + " not in the snapshot"));
    }

    private void logTickStatistics() {
        String stats = given().auth().oauth2(TestTokens.admin()).when().get("/admin/rooms").then().extract().path("tick").toString();
        LOG.infof("tick statistics after the three-player test: %s", stats);
    }

    static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
