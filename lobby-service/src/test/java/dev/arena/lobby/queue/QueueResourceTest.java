package dev.arena.lobby.queue;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arena.model.codec.MessageCodec;
import dev.arena.model.events.PlayerNotice;
import dev.arena.model.keys.RedisKeys;
import dev.arena.model.protocol.LobbyServerMessage.QueueStatus;
import dev.arena.model.state.PlayerStatus;
import dev.arena.testsupport.JwtKeysResource;
import dev.arena.testsupport.ShardKeys;
import dev.arena.testsupport.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The queue over HTTP against a real Redis: join, one game at a time, leave, rooms, bad input, operators. */
@QuarkusTest
@TestProfile(QueueResourceTest.Profile.class)
@QuarkusTestResource(JwtKeysResource.class)
class QueueResourceTest {

    public static class Profile extends ShardProfile {}

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
    void joinIsAcceptedOnceThenTheSecondAskGetsAConflictWithThePlacement() {
        String id = UUID.randomUUID().toString();
        String token = TestTokens.player(id);
        given().auth().oauth2(token).when().post("/lobby/api/queue").then().statusCode(202)
                .body("placement.status", equalTo("queued"))
                .body("placement.queuedAt", notNullValue())
                .body("position", equalTo(1))
                .body("queued", equalTo(1));
        given().auth().oauth2(token).when().post("/lobby/api/queue").then().statusCode(409)
                .contentType(ContentType.JSON)
                .body("code", equalTo("already_playing"))
                .body("message", notNullValue())
                .body("placement.status", equalTo("queued"));

        assertEquals(1, redis.sortedSet(String.class).zcard(keys.playersQueue()));
        Map<String, String> hash = redis.hash(String.class).hgetall(keys.player(id));
        assertEquals("queued", hash.get("status"));
        assertEquals("Tester", hash.get("name"));
        assertEquals("{\"primary\":\"#ff0000\",\"secondary\":\"#00ff00\"}", hash.get("colors"));
        assertTrue(redis.key().pttl(keys.player(id)) > 0);
        List<StreamMessage<String, String, String>> events = redis.stream(String.class).xrange(keys.lobbyJoins(),
                io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"));
        assertEquals(1, events.size(), "a retry must not append a second join");
        assertEquals(Map.of("type", "join", "player", id, "at", hash.get("joined_timestamp")), events.get(0).payload());

        given().auth().oauth2(token).when().get("/lobby/api/queue").then().statusCode(200)
                .body("placement.status", equalTo("queued")).body("position", equalTo(1));
    }

    @Test
    void leavingWhileQueuedMakesThePlayerIdleAndAppendsALeaveEvent() {
        String id = UUID.randomUUID().toString();
        String token = TestTokens.player(id);
        given().auth().oauth2(token).when().post("/lobby/api/queue").then().statusCode(202);
        given().auth().oauth2(token).when().delete("/lobby/api/queue").then().statusCode(200)
                .body("status", equalTo("idle"));

        assertTrue(redis.sortedSet(String.class).zscore(keys.playersQueue(), id).isEmpty());
        assertFalse(redis.key().exists(keys.player(id)));
        List<StreamMessage<String, String, String>> events = redis.stream(String.class).xrange(keys.lobbyJoins(),
                io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"));
        assertEquals("leave", events.get(events.size() - 1).payload().get("type"));
        assertEquals(id, events.get(events.size() - 1).payload().get("player"));

        // Leaving again is fine, and the player may queue again.
        given().auth().oauth2(token).when().delete("/lobby/api/queue").then().statusCode(200).body("status", equalTo("idle"));
        given().auth().oauth2(token).when().get("/lobby/api/queue").then().statusCode(200)
                .body("placement.status", equalTo("idle")).body("position", equalTo(0));
        given().auth().oauth2(token).when().post("/lobby/api/queue").then().statusCode(202);
    }

    @Test
    void leavingARoomAsksTheMatchmakerAndAnswersWithItsConfirmation() throws Exception {
        String room = "room-" + UUID.randomUUID();
        List<String> members = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString());
        countdownRoom(room, members);
        CompletableFuture<Map<String, String>> request = standInMatchmaker(members.get(0), "leave");

        given().auth().oauth2(TestTokens.player(members.get(0))).when().delete("/lobby/api/queue")
                .then().statusCode(200).body("status", equalTo("idle"));

        Map<String, String> leave = request.get(10, TimeUnit.SECONDS);
        assertEquals(room, leave.get("room"), "the matchmaker learns which room the player leaves");
        // The room is the matchmaker's: the lobby changed none of it.
        assertEquals("countdown", redis.hash(String.class).hget(keys.room(room), "state"));
        assertEquals(3, redis.set(String.class).scard(keys.roomPlayers(room)));
    }

    @Test
    void aLeaveTheMatchmakerDoesNotConfirmInTimeIsAcceptedWithWhereThePlayerStillIs() {
        String room = "room-" + UUID.randomUUID();
        List<String> members = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString());
        countdownRoom(room, members);

        given().auth().oauth2(TestTokens.player(members.get(1))).when().delete("/lobby/api/queue")
                .then().statusCode(202).body("status", equalTo("in_room")).body("roomId", equalTo(room));
        var events = redis.stream(String.class).xrange(keys.lobbyJoins(), io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"));
        Map<String, String> leave = events.get(events.size() - 1).payload();
        assertEquals("leave", leave.get("type"));
        assertEquals(members.get(1), leave.get("player"));
        assertEquals(room, leave.get("room"));
    }

    @Test
    void aPlayerInAMatchGetsTheGameUrlOnJoinAndCannotLeaveFromTheLobby() throws Exception {
        String room = "room-" + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        redis.hash(String.class).hset(keys.room(room), Map.of("state", "running", "node", "game-0", "created", "1"));
        redis.set(String.class).sadd(keys.roomPlayers(room), id);
        redis.hash(String.class).hset(keys.player(id), Map.of("status", "in_game", "room", room, "node", "game-0"));
        String token = TestTokens.player(id);

        given().auth().oauth2(token).when().post("/lobby/api/queue").then().statusCode(409)
                .body("code", equalTo("already_playing"))
                .body("placement.status", equalTo("in_game"))
                .body("placement.roomId", equalTo(room))
                .body("placement.nodeId", equalTo("game-0"))
                .body("placement.url", equalTo("/game/game-0/" + room));
        given().auth().oauth2(token).when().delete("/lobby/api/queue").then().statusCode(409)
                .body("code", equalTo("conflict"))
                .body("placement.url", equalTo("/game/game-0/" + room));
        assertTrue(redis.set(String.class).sismember(keys.roomPlayers(room), id));

        // An operator can still reset a stuck player, through the matchmaker; then there is nothing to reset.
        CompletableFuture<Map<String, String>> reset = standInMatchmaker(id, "reset");
        given().auth().oauth2(TestTokens.admin()).when().delete("/admin/players/" + id).then().statusCode(200)
                .body("status", equalTo("idle"));
        assertEquals(room, reset.get(10, TimeUnit.SECONDS).get("room"));
        given().auth().oauth2(TestTokens.admin()).when().delete("/admin/players/" + id).then().statusCode(404)
                .contentType(ContentType.JSON).body("code", equalTo("not_found"));
        given().auth().oauth2(TestTokens.admin()).when().delete("/admin/players/bad:id").then().statusCode(404);
        given().auth().oauth2(token).when().delete("/admin/players/" + id).then().statusCode(403);
    }

    @Test
    void operatorsSeeTheQueueAtAGlance() {
        String first = UUID.randomUUID().toString();
        given().auth().oauth2(TestTokens.player(first)).when().post("/lobby/api/queue").then().statusCode(202);
        given().auth().oauth2(TestTokens.player()).when().post("/lobby/api/queue").then().statusCode(202);
        given().auth().oauth2(TestTokens.admin()).when().get("/admin/queue").then().statusCode(200)
                .body("length", equalTo(2))
                .body("oldestWaitMs", greaterThanOrEqualTo(0))
                .body("statuses.queued", equalTo(2))
                .body("complete", equalTo(true));
        given().auth().oauth2(TestTokens.player()).when().get("/admin/queue").then().statusCode(403);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("arena_lobby_enqueued_total"))
                .body(containsString("arena_lobby_queue_length"))
                .body(containsString("arena_lobby_sockets"));
    }

    @Test
    void badInputGetsJsonErrors() {
        given().when().post("/lobby/api/queue").then().statusCode(401)
                .contentType(ContentType.JSON).body("code", equalTo("unauthorized"));
        given().auth().oauth2(TestTokens.forgedAdmin()).when().delete("/lobby/api/queue").then().statusCode(401)
                .body("code", equalTo("unauthorized"));
        // Correctly signed, but its subject is no player id: refused at the door, not a 500 deep inside.
        given().auth().oauth2(TestTokens.player("not-a-uuid")).when().post("/lobby/api/queue").then().statusCode(401)
                .contentType(ContentType.JSON).body("code", equalTo("unauthorized"));
        given().contentType(ContentType.JSON).body("{\"name\": ").when().post("/lobby/api/guest").then().statusCode(400)
                .body("code", equalTo("malformed_json"));
        given().contentType(ContentType.JSON).body("{\"name\":\"" + "x".repeat(5000) + "\"}")
                .when().post("/lobby/api/guest").then().statusCode(413)
                .contentType(ContentType.JSON).body("code", equalTo("payload_too_large"));
        given().auth().oauth2(TestTokens.player()).contentType(ContentType.JSON).body("x".repeat(5000))
                .when().post("/lobby/api/queue").then().statusCode(413)
                .contentType(ContentType.JSON).body("code", equalTo("payload_too_large"))
                .body("placement", nullValue());
    }

    /**
     * Stands in for the matchmaker: waits for the lobby's {@code type} event of the player, takes
     * the player out as leave.lua would (their record goes) and answers with its queue.status.
     */
    private CompletableFuture<Map<String, String>> standInMatchmaker(String playerId, String type) {
        return CompletableFuture.supplyAsync(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                for (var event : redis.stream(String.class).xrange(keys.lobbyJoins(), io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"))) {
                    if (playerId.equals(event.payload().get("player")) && type.equals(event.payload().get("type"))) {
                        redis.key().del(keys.player(playerId));
                        redis.pubsub(String.class).publish(keys.roomEvents(), codec.encode(new PlayerNotice(List.of(playerId),
                                new QueueStatus(PlayerStatus.IDLE, 0, 0, 0))));
                        return event.payload();
                    }
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            throw new AssertionError("no " + type + " event of " + playerId);
        });
    }

    /** A countdown room of three, as the matchmaker's assign.lua leaves it. */
    private void countdownRoom(String room, List<String> members) {
        long deadline = System.currentTimeMillis() + 10_000;
        redis.hash(String.class).hset(keys.room(room),
                Map.of("state", "countdown", "created", "1", "countdown_deadline", Long.toString(deadline)));
        redis.value(String.class).psetex(keys.roomExpiry(room), 10_000, "1");
        redis.sortedSet(String.class).zadd(keys.roomsAvailable(), members.size(), room);
        for (String member : members) {
            redis.set(String.class).sadd(keys.roomPlayers(room), member);
            redis.hash(String.class).hset(keys.player(member), Map.of("status", "in_room", "room", room,
                    "name", "Member", "colors", "{\"primary\":\"#123456\",\"secondary\":\"#654321\"}", "joined_timestamp", "5"));
        }
    }
}
