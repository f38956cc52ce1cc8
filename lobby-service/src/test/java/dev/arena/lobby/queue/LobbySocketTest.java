package dev.arena.lobby.queue;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arena.lobby.store.PresenceStore;
import dev.arena.model.codec.MessageCodec;
import dev.arena.model.codes.CloseCode;
import dev.arena.model.events.PlayerNotice;
import dev.arena.model.keys.RedisKeys;
import dev.arena.model.protocol.Colors;
import dev.arena.model.protocol.ErrorMessage;
import dev.arena.model.protocol.LobbyServerMessage;
import dev.arena.model.protocol.LobbyServerMessage.MatchReady;
import dev.arena.model.protocol.LobbyServerMessage.QueueStatus;
import dev.arena.model.protocol.LobbyServerMessage.RoomUpdate;
import dev.arena.model.protocol.PlayerInfo;
import dev.arena.model.state.PlayerStatus;
import dev.arena.model.state.RoomState;
import dev.arena.service.security.VerifiedTokenCache;
import dev.arena.testsupport.JwtKeysResource;
import dev.arena.testsupport.RawUpgrade;
import dev.arena.testsupport.ShardKeys;
import dev.arena.testsupport.SocketTestClient;
import dev.arena.testsupport.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The lobby socket over a real WebSocket, authenticated the way a browser does it (the subprotocol carrier). */
@QuarkusTest
@TestProfile(LobbySocketTest.Profile.class)
@QuarkusTestResource(JwtKeysResource.class)
class LobbySocketTest {

    public static class Profile extends ShardProfile {}

    /** LobbyConfig's defaults: queued players hear their place once per status interval, every player is read once per presence interval. */
    private static final Duration STATUS_INTERVAL = Duration.ofSeconds(1);
    private static final Duration PRESENCE_INTERVAL = Duration.ofSeconds(5);

    @TestHTTPResource("/lobby")
    URI lobby;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    MessageCodec codec;

    @Inject
    VerifiedTokenCache tokens;

    @Inject
    PresenceStore presence;

    @AfterEach
    void cleanUp() {
        ShardKeys.deleteAll(redis, keys);
    }

    @Test
    void aConnectedPlayerGetsTheQueueStatusAndItsChanges() throws Exception {
        String id = UUID.randomUUID().toString();
        SocketTestClient<LobbyServerMessage> client = connect(TestTokens.player(id));
        QueueStatus idle = client.next(QueueStatus.class, m -> true);
        assertEquals(PlayerStatus.IDLE, idle.status());
        assertEquals("arena", client.socket().getSubprotocol());

        // The join's answer carries the place; the socket does not repeat it, its status round tells it.
        given().auth().oauth2(TestTokens.player(id)).when().post("/lobby/api/queue").then().statusCode(202)
                .body("position", is(1));
        QueueStatus queued = client.next(QueueStatus.class, m -> m.status() == PlayerStatus.QUEUED, STATUS_INTERVAL.multipliedBy(3));
        assertEquals(1, queued.position());
        assertEquals(1, queued.queued());
        assertTrue(redis.hash(String.class).hget(keys.player(id), "sid") != null, "the socket marks the player online");

        client.socket().sendText("{\"t\":\"ping\"}", true);
        client.next(LobbyServerMessage.Pong.class, m -> true);
        client.socket().sendClose(1000, "bye");
    }

    @Test
    void anOpenSocketKeepsItsTokenVerifiedUntilItCloses() throws Exception {
        int before = tokens.heldCount();
        SocketTestClient<LobbyServerMessage> client = connect(TestTokens.player(UUID.randomUUID().toString()));
        client.next(QueueStatus.class, m -> true);
        assertEquals(before + 1, tokens.heldCount());
        client.socket().sendClose(1000, "bye");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (tokens.heldCount() != before && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(before, tokens.heldCount());
    }

    @Test
    void aPlayerJoinsAndLeavesTheQueueOnTheSocket() throws Exception {
        String id = UUID.randomUUID().toString();
        SocketTestClient<LobbyServerMessage> client = greeted(id);

        client.socket().sendText("{\"t\":\"queue\"}", true);
        QueueStatus queued = client.next(QueueStatus.class, m -> m.status() == PlayerStatus.QUEUED);
        assertEquals(1, queued.position());
        assertEquals("queued", redis.hash(String.class).hget(keys.player(id), "status"));
        assertTrue(redis.sortedSet(String.class).zscore(keys.playersQueue(), id).isPresent());

        client.socket().sendText("{\"t\":\"queue\"}", true);
        ErrorMessage again = client.next(ErrorMessage.class, m -> true);
        assertEquals("already_playing", again.code());
        given().auth().oauth2(TestTokens.player(id)).when().post("/lobby/api/queue").then().statusCode(409);

        client.socket().sendText("{\"t\":\"leave\"}", true);
        assertEquals(PlayerStatus.IDLE, client.next(QueueStatus.class, m -> m.status() == PlayerStatus.IDLE).status());
        assertTrue(redis.sortedSet(String.class).zscore(keys.playersQueue(), id).isEmpty());

        redis.hash(String.class).hset(keys.room("r1"), Map.of("state", "running"));
        redis.hash(String.class).hset(keys.player(id), Map.of("status", "in_game", "room", "r1", "node", "game-1"));
        client.socket().sendText("{\"t\":\"leave\"}", true);
        assertEquals("conflict", client.next(ErrorMessage.class, m -> true).code());
        assertEquals("in_game", redis.hash(String.class).hget(keys.player(id), "status"), "a match is left from the game, not the lobby");
        client.socket().sendClose(1000, "bye");
    }

    @Test
    void aNoticeOnRoomEventsReachesTheListedPlayer() throws Exception {
        String id = UUID.randomUUID().toString();
        SocketTestClient<LobbyServerMessage> client = greeted(id);
        redis.pubsub(String.class).publish(keys.roomEvents(),
                codec.encode(new PlayerNotice(List.of("someone-else", id), MatchReady.of("r1", "game-0"))));
        MatchReady ready = client.next(MatchReady.class, m -> true);
        assertEquals("/game/game-0/r1", ready.url());
        client.socket().sendClose(1000, "bye");
    }

    @Test
    void aRoomUpdateIsAQueuedPlayersInRoomStatus() throws Exception {
        String id = UUID.randomUUID().toString();
        SocketTestClient<LobbyServerMessage> client = queuedOnItsSocket(id);

        // The record as assign.lua leaves it, then the matchmaker's notice.
        redis.hash(String.class).hset(keys.player(id), Map.of("status", "in_room", "room", "r1"));
        RoomUpdate update = new RoomUpdate("r1", RoomState.WAITING,
                List.of(new PlayerInfo(id, "Ada", new Colors("#e6194b", "#3cb44b"))), null, null);
        redis.pubsub(String.class).publish(keys.roomEvents(), codec.encode(new PlayerNotice(List.of(id), update)));
        assertEquals("r1", client.next(RoomUpdate.class, m -> true).roomId());

        // No queue.status in_room after it: not from the relay at once, nor from the status round
        // that reads the record within one presence interval (it knows the player was told).
        assertTrue(framesUntilPong(client).isEmpty());
        TimeUnit.MILLISECONDS.sleep(PRESENCE_INTERVAL.plusSeconds(1).toMillis());
        assertTrue(framesUntilPong(client).isEmpty());
        client.socket().sendClose(1000, "bye");
    }

    @Test
    void aMatchReadyIsAQueuedPlayersInRoomStatusAndTheirArrivalIsNoNews() throws Exception {
        String id = UUID.randomUUID().toString();
        SocketTestClient<LobbyServerMessage> client = queuedOnItsSocket(id);

        // A room that filled up and started at once: no room.update, only its match.ready.
        redis.hash(String.class).hset(keys.player(id), Map.of("status", "in_room", "room", "r1", "node", "game-0"));
        redis.pubsub(String.class).publish(keys.roomEvents(), codec.encode(new PlayerNotice(List.of(id), MatchReady.of("r1", "game-0"))));
        assertEquals("r1", client.next(MatchReady.class, m -> true).roomId());
        assertTrue(framesUntilPong(client).isEmpty());

        // The player reaches the game: the lobby socket says nothing of it within a presence interval.
        redis.hash(String.class).hset(keys.player(id), "status", "in_game");
        TimeUnit.MILLISECONDS.sleep(PRESENCE_INTERVAL.plusSeconds(1).toMillis());
        assertTrue(framesUntilPong(client).isEmpty());

        // The match is over and the record gone: that is news.
        redis.key().del(keys.player(id));
        client.next(QueueStatus.class, m -> m.status() == PlayerStatus.IDLE, PRESENCE_INTERVAL.plusSeconds(2));
        client.socket().sendClose(1000, "bye");
    }

    @Test
    void statusRoundsMoveQueuedPlayersUpAndKeepEveryPlayerOnline() throws Exception {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        String idle = UUID.randomUUID().toString();
        SocketTestClient<LobbyServerMessage> firstClient = greeted(first);
        SocketTestClient<LobbyServerMessage> secondClient = greeted(second);
        SocketTestClient<LobbyServerMessage> idleClient = greeted(idle);
        firstClient.send("{\"t\":\"queue\"}");
        firstClient.next(QueueStatus.class, m -> m.status() == PlayerStatus.QUEUED);
        secondClient.send("{\"t\":\"queue\"}");
        assertEquals(2, secondClient.next(QueueStatus.class, m -> m.status() == PlayerStatus.QUEUED).position());

        // The first leaves the queue behind the lobby's back (a matchmaker placed them, say), and
        // the idle player's online marker is lost: the rounds put both right, each in its interval.
        redis.sortedSet(String.class).zrem(keys.playersQueue(), first);
        redis.hash(String.class).hdel(keys.player(idle), "sid");
        secondClient.next(QueueStatus.class, m -> m.position() == 1, STATUS_INTERVAL.multipliedBy(3));
        long deadline = System.nanoTime() + PRESENCE_INTERVAL.plusSeconds(2).toNanos();
        while (redis.hash(String.class).hget(keys.player(idle), "sid") == null && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        assertNotNull(redis.hash(String.class).hget(keys.player(idle), "sid"), "the idle socket is marked online again");
        for (SocketTestClient<LobbyServerMessage> client : List.of(firstClient, secondClient, idleClient)) {
            client.close();
        }
    }

    /** Sends a ping and returns the frames that came before its pong. */
    private static List<LobbyServerMessage> framesUntilPong(SocketTestClient<LobbyServerMessage> client) throws InterruptedException {
        client.send("{\"t\":\"ping\"}");
        List<LobbyServerMessage> before = new ArrayList<>();
        while (true) {
            LobbyServerMessage frame = client.frames.poll(10, TimeUnit.SECONDS);
            assertNotNull(frame, "no pong within 10 s");
            if (frame instanceof LobbyServerMessage.Pong) {
                return before;
            }
            before.add(frame);
        }
    }

    @Test
    void badTokensAreRefusedAtTheUpgrade() throws Exception {
        // A refused upgrade is the client's mistake: no ERROR in the lobby's log (Quarkus' error
        // handler once logged "Response has already been written" for each, with a stack trace).
        List<LogRecord> errors = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(record);
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);
        try {
            for (String token : new String[] {TestTokens.forgedAdmin(), "not-a-jwt"}) {
                ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                        () -> connect(token));
                WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class, refused.getCause());
                assertEquals(401, handshake.getResponse().statusCode());
            }
            ExecutionException noToken = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> connect(null));
            assertEquals(401, ((WebSocketHandshakeException) noToken.getCause()).getResponse().statusCode());
            Thread.sleep(500); // what the server does after its 401 has been sent
        } finally {
            root.removeHandler(capture);
        }
        assertEquals(List.of(), errors.stream().map(LogRecord::getMessage).toList());
    }

    @Test
    void badFramesGetAnErrOrACloseButNeverKillTheSocket() throws Exception {
        SocketTestClient<LobbyServerMessage> client = connect(TestTokens.player());
        client.next(QueueStatus.class, m -> true);
        client.socket().sendText("{not json", true);
        assertEquals("malformed_json", client.next(ErrorMessage.class, m -> true).code());
        client.socket().sendText("{\"t\":\"in\"}", true);
        assertEquals("unknown_message", client.next(ErrorMessage.class, m -> true).code());
        client.socket().sendText("{\"t\":\"ping\"} {\"t\":\"queue\"}", true);
        assertEquals("malformed_json", client.next(ErrorMessage.class, m -> true).code(), "data after the JSON object");
        client.socket().sendText("{\"t\":\"ping\"}", true);
        client.next(LobbyServerMessage.Pong.class, m -> true);

        client.socket().sendText("{\"t\":\"ping\",\"pad\":\"" + "x".repeat(2000) + "\"}", true);
        assertEquals(CloseCode.TOO_BIG, client.closed.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aFloodOfFramesIsRateLimitedThenClosedWhileOthersAreServed() throws Exception {
        SocketTestClient<LobbyServerMessage> flooder = connect(TestTokens.player());
        flooder.next(QueueStatus.class, m -> true);
        SocketTestClient<LobbyServerMessage> neighbour = connect(TestTokens.player());
        neighbour.next(QueueStatus.class, m -> true);

        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
        while (!flooder.closed.isDone() && System.nanoTime() < end) {
            flooder.socket().sendText("{\"t\":\"ping\"}", true).get(5, TimeUnit.SECONDS);
            TimeUnit.MILLISECONDS.sleep(5); // about 150 frames a second, fifteen times the budget
        }
        assertEquals(CloseCode.POLICY_VIOLATION, flooder.closed.get(10, TimeUnit.SECONDS));
        assertTrue(flooder.frames.stream().anyMatch(m -> m instanceof ErrorMessage e && "rate_limited".equals(e.code())),
                "frames above the budget were answered rate_limited before the close");

        neighbour.send("{\"t\":\"ping\"}");
        neighbour.next(LobbyServerMessage.Pong.class, m -> true);
        neighbour.close();
    }

    @Test
    void compressionIsNeverNegotiated() throws Exception {
        // Size limits apply to the bytes on the wire: a compressed frame could inflate far past them.
        RawUpgrade.Answer answer = RawUpgrade.upgrade(ws(), TestTokens.player(),
                Map.of("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits, x-webkit-deflate-frame, deflate-frame"));
        assertEquals(101, answer.status());
        assertFalse(answer.headers().containsKey("sec-websocket-extensions"), "negotiated " + answer.headers());
    }

    @Test
    void aSecondSocketOfThePlayerReplacesTheFirst() throws Exception {
        String token = TestTokens.player();
        SocketTestClient<LobbyServerMessage> first = connect(token);
        first.next(QueueStatus.class, m -> true);
        SocketTestClient<LobbyServerMessage> second = connect(token);
        second.next(QueueStatus.class, m -> true);
        assertEquals(CloseCode.REPLACED, first.closed.get(10, TimeUnit.SECONDS));
        second.socket().sendText("{\"t\":\"ping\"}", true);
        second.next(LobbyServerMessage.Pong.class, m -> true);
        second.socket().sendClose(1000, "bye");
    }

    @Test
    void aSocketOfThePlayerOnAnotherLobbyInstanceReplacesTheOneHere() throws Exception {
        String player = UUID.randomUUID().toString();
        SocketTestClient<LobbyServerMessage> here = connect(TestTokens.player(player));
        here.next(QueueStatus.class, m -> true);
        // Another lobby instance opens the player's newer socket: its open makes this refresh.
        presence.refresh(List.of(new PresenceStore.Online(player, "socket-elsewhere", PresenceStore.NEW_SOCKET, null)))
                .await().atMost(Duration.ofSeconds(5));

        assertEquals(CloseCode.REPLACED, here.closed.get(PRESENCE_INTERVAL.plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS));
        // The socket here stopped marking the player: the newer one's marker stays.
        TimeUnit.MILLISECONDS.sleep(STATUS_INTERVAL.toMillis());
        assertEquals("socket-elsewhere", redis.hash(String.class).hget(keys.player(player), "sid"));
    }

    @Test
    void aDroppedSocketLeavesTheQueueAfterTheGraceUnlessThePlayerCameBack() throws Exception {
        String gone = UUID.randomUUID().toString();
        String back = UUID.randomUUID().toString();
        SocketTestClient<LobbyServerMessage> goneClient = connect(TestTokens.player(gone));
        SocketTestClient<LobbyServerMessage> backClient = connect(TestTokens.player(back));
        goneClient.next(QueueStatus.class, m -> true);
        backClient.next(QueueStatus.class, m -> true);
        given().auth().oauth2(TestTokens.player(gone)).when().post("/lobby/api/queue").then().statusCode(202);
        given().auth().oauth2(TestTokens.player(back)).when().post("/lobby/api/queue").then().statusCode(202);

        goneClient.socket().sendClose(1000, "bye").get(5, TimeUnit.SECONDS);
        backClient.socket().sendClose(1000, "bye").get(5, TimeUnit.SECONDS);
        SocketTestClient<LobbyServerMessage> again = connect(TestTokens.player(back));
        assertEquals(PlayerStatus.QUEUED, again.next(QueueStatus.class, m -> true).status());

        // The grace is 1 s in this profile.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (redis.key().exists(keys.player(gone)) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(redis.sortedSet(String.class).zscore(keys.playersQueue(), gone).isEmpty(), "removed after the grace");
        Thread.sleep(1500);
        assertEquals("queued", redis.hash(String.class).hget(keys.player(back), "status"), "kept: reconnected in time");
        assertTrue(redis.sortedSet(String.class).zscore(keys.playersQueue(), back).isPresent());
        again.socket().sendClose(1000, "bye");
    }

    private URI ws() {
        return URI.create(lobby.toString().replaceFirst("^http", "ws"));
    }

    private SocketTestClient<LobbyServerMessage> connect(String token) throws Exception {
        return SocketTestClient.connect(ws(), token, codec::decodeLobbyServer);
    }

    /** The socket of player {@code id}, past the queue.status every new socket is greeted with. */
    private SocketTestClient<LobbyServerMessage> greeted(String id) throws Exception {
        SocketTestClient<LobbyServerMessage> client = connect(TestTokens.player(id));
        client.next(QueueStatus.class, m -> true);
        return client;
    }

    /** A greeted player who joined the queue with a {@code queue} frame and got its answer. */
    private SocketTestClient<LobbyServerMessage> queuedOnItsSocket(String id) throws Exception {
        SocketTestClient<LobbyServerMessage> client = greeted(id);
        client.socket().sendText("{\"t\":\"queue\"}", true);
        client.next(QueueStatus.class, m -> m.status() == PlayerStatus.QUEUED);
        return client;
    }
}
