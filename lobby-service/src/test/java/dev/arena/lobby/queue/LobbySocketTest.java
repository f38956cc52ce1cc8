package dev.arena.lobby.queue;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arena.model.codec.MessageCodec;
import dev.arena.model.codes.CloseCode;
import dev.arena.model.events.PlayerNotice;
import dev.arena.model.keys.RedisKeys;
import dev.arena.model.protocol.ErrorMessage;
import dev.arena.model.protocol.LobbyServerMessage;
import dev.arena.model.protocol.LobbyServerMessage.MatchReady;
import dev.arena.model.protocol.LobbyServerMessage.QueueStatus;
import dev.arena.model.state.PlayerStatus;
import dev.arena.testsupport.JwtKeysResource;
import dev.arena.testsupport.ShardKeys;
import dev.arena.testsupport.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The lobby socket over a real WebSocket, authenticated the way a browser does it (the subprotocol carrier). */
@QuarkusTest
@TestProfile(LobbySocketTest.Profile.class)
@QuarkusTestResource(JwtKeysResource.class)
class LobbySocketTest {

    public static class Profile extends ShardProfile {}

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/lobby")
    URI lobby;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    MessageCodec codec;

    @AfterEach
    void cleanUp() {
        ShardKeys.deleteAll(redis, keys);
    }

    @Test
    void aConnectedPlayerGetsTheQueueStatusAndItsChanges() throws Exception {
        String id = UUID.randomUUID().toString();
        Client client = connect(TestTokens.player(id));
        QueueStatus idle = client.next(QueueStatus.class, m -> true);
        assertEquals(PlayerStatus.IDLE, idle.status());
        assertEquals("arena", client.socket.getSubprotocol());

        given().auth().oauth2(TestTokens.player(id)).when().post("/lobby/api/queue").then().statusCode(202);
        QueueStatus queued = client.next(QueueStatus.class, m -> m.status() == PlayerStatus.QUEUED);
        assertEquals(1, queued.position());
        assertEquals(1, queued.queued());
        assertTrue(redis.hash(String.class).hget(keys.player(id), "sid") != null, "the socket marks the player online");

        client.socket.sendText("{\"t\":\"ping\"}", true);
        client.next(LobbyServerMessage.Pong.class, m -> true);
        client.socket.sendClose(1000, "bye");
    }

    @Test
    void aNoticeOnRoomEventsReachesTheListedPlayer() throws Exception {
        String id = UUID.randomUUID().toString();
        Client client = connect(TestTokens.player(id));
        client.next(QueueStatus.class, m -> true);
        redis.pubsub(String.class).publish(keys.roomEvents(),
                codec.encode(new PlayerNotice(List.of("someone-else", id), MatchReady.of("r1", "game-0"))));
        MatchReady ready = client.next(MatchReady.class, m -> true);
        assertEquals("/game/game-0/r1", ready.url());
        client.socket.sendClose(1000, "bye");
    }

    @Test
    void badTokensAreRefusedAtTheUpgrade() {
        for (String token : new String[] {TestTokens.forgedAdmin(), "not-a-jwt"}) {
            ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> connect(token));
            WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class, refused.getCause());
            assertEquals(401, handshake.getResponse().statusCode());
        }
        ExecutionException noToken = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> HTTP.newWebSocketBuilder().subprotocols("arena").buildAsync(ws(), new Client()).get(10, TimeUnit.SECONDS));
        assertEquals(401, ((WebSocketHandshakeException) noToken.getCause()).getResponse().statusCode());
    }

    @Test
    void badFramesGetAnErrOrACloseButNeverKillTheSocket() throws Exception {
        Client client = connect(TestTokens.player());
        client.next(QueueStatus.class, m -> true);
        client.socket.sendText("{not json", true);
        assertEquals("malformed_json", client.next(ErrorMessage.class, m -> true).code());
        client.socket.sendText("{\"t\":\"in\"}", true);
        assertEquals("unknown_message", client.next(ErrorMessage.class, m -> true).code());
        client.socket.sendText("{\"t\":\"ping\"}", true);
        client.next(LobbyServerMessage.Pong.class, m -> true);

        client.socket.sendText("{\"t\":\"ping\",\"pad\":\"" + "x".repeat(2000) + "\"}", true);
        assertEquals(CloseCode.TOO_BIG, client.closed.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aSecondSocketOfThePlayerReplacesTheFirst() throws Exception {
        String token = TestTokens.player();
        Client first = connect(token);
        first.next(QueueStatus.class, m -> true);
        Client second = connect(token);
        second.next(QueueStatus.class, m -> true);
        assertEquals(CloseCode.REPLACED, first.closed.get(10, TimeUnit.SECONDS));
        second.socket.sendText("{\"t\":\"ping\"}", true);
        second.next(LobbyServerMessage.Pong.class, m -> true);
        second.socket.sendClose(1000, "bye");
    }

    @Test
    void aDroppedSocketLeavesTheQueueAfterTheGraceUnlessThePlayerCameBack() throws Exception {
        String gone = UUID.randomUUID().toString();
        String back = UUID.randomUUID().toString();
        Client goneClient = connect(TestTokens.player(gone));
        Client backClient = connect(TestTokens.player(back));
        goneClient.next(QueueStatus.class, m -> true);
        backClient.next(QueueStatus.class, m -> true);
        given().auth().oauth2(TestTokens.player(gone)).when().post("/lobby/api/queue").then().statusCode(202);
        given().auth().oauth2(TestTokens.player(back)).when().post("/lobby/api/queue").then().statusCode(202);

        goneClient.socket.sendClose(1000, "bye").get(5, TimeUnit.SECONDS);
        backClient.socket.sendClose(1000, "bye").get(5, TimeUnit.SECONDS);
        Client again = connect(TestTokens.player(back));
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
        again.socket.sendClose(1000, "bye");
    }

    private URI ws() {
        return URI.create(lobby.toString().replaceFirst("^http", "ws"));
    }

    private Client connect(String token) throws Exception {
        Client client = new Client();
        String carrier = URLEncoder.encode("quarkus-http-upgrade#Authorization#Bearer " + token, StandardCharsets.UTF_8);
        client.socket = HTTP.newWebSocketBuilder().subprotocols("arena", carrier)
                .buildAsync(ws(), client).get(10, TimeUnit.SECONDS);
        return client;
    }

    /** Collects the frames and the close code of one socket. */
    private final class Client implements WebSocket.Listener {

        final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }

        /** The next frame of {@code type} matching {@code wanted}, skipping others. */
        <T extends LobbyServerMessage> T next(Class<T> type, Predicate<T> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                String frame = frames.poll(100, TimeUnit.MILLISECONDS);
                if (frame != null) {
                    LobbyServerMessage message = codec.decodeLobbyServer(frame);
                    if (type.isInstance(message) && wanted.test(type.cast(message))) {
                        return type.cast(message);
                    }
                }
            }
            throw new AssertionError("no " + type.getSimpleName() + " within 10 s");
        }
    }
}
