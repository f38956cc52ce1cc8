package dev.arena.matchmaker.transport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arena.matchmaker.support.ShardProfile;
import dev.arena.matchmaker.support.TestLobby;
import dev.arena.model.keys.RedisKeys;
import dev.arena.testsupport.JwtKeysResource;
import dev.arena.testsupport.TestTags;
import dev.arena.testsupport.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The operators' room endpoints: roles, listing, one room, dissolve, unknown rooms. */
@Tag(TestTags.REDIS_CLUSTER)
@QuarkusTest
@TestProfile(AdminRoomsResourceTest.Profile.class)
@QuarkusTestResource(JwtKeysResource.class)
class AdminRoomsResourceTest {

    /** Long timings, so the rooms stay as the test made them. */
    public static class Profile extends ShardProfile {
        @Override
        protected Map<String, String> timings() {
            return Map.of("arena.matchmaker.countdown", "60s", "arena.matchmaker.wait-timeout", "60s");
        }
    }

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    TestLobby lobby;

    @BeforeEach
    void setUp() {
        lobby = new TestLobby(redis, keys);
        lobby.cleanUp();
    }

    @AfterEach
    void tearDown() {
        lobby.cleanUp();
    }

    @Test
    void needsTheAdminRole() {
        given().when().get("/admin/rooms").then().statusCode(401).body("code", equalTo("unauthorized"));
        given().auth().oauth2(TestTokens.player()).when().get("/admin/rooms").then().statusCode(403)
                .body("code", equalTo("forbidden"));
        given().auth().oauth2(TestTokens.player()).when().post("/admin/rooms/r-1/dissolve").then().statusCode(403);
    }

    @Test
    void listsRoomsByStateAndShowsOne() {
        List<String> players = List.of(lobby.enqueue(1000), lobby.enqueue(1001));
        String room = awaitRoom(players.get(1));

        given().auth().oauth2(TestTokens.admin()).when().get("/admin/rooms").then().statusCode(200)
                .body("total", equalTo(1))
                .body("counts.waiting", equalTo(1))
                .body("counts.countdown", equalTo(0))
                .body("rooms.waiting.roomId", contains(room))
                .body("rooms.waiting.members", contains(2));
        given().auth().oauth2(TestTokens.admin()).when().get("/admin/rooms/" + room).then().statusCode(200)
                .body("state", equalTo("waiting"))
                .body("members.id", containsInAnyOrder(players.toArray()));
    }

    @Test
    void dissolvesARoomAndQueuesItsMembersAgain() {
        String player = lobby.enqueue(1234);
        String room = awaitRoom(player);
        given().auth().oauth2(TestTokens.admin()).when().post("/admin/rooms/" + room + "/dissolve").then()
                .statusCode(200).body("requeued", contains(player));
        assertTrue(lobby.room(room).isEmpty());
        assertEquals("1234", lobby.player(player).get("joined_timestamp"));
    }

    @Test
    void anUnknownRoomIs404() {
        given().auth().oauth2(TestTokens.admin()).when().get("/admin/rooms/no-such-room").then().statusCode(404)
                .body("code", equalTo("not_found"));
        given().auth().oauth2(TestTokens.admin()).when().get("/admin/rooms/bad:id").then().statusCode(404)
                .body("code", equalTo("not_found"));
        given().auth().oauth2(TestTokens.admin()).when().post("/admin/rooms/no-such-room/dissolve").then()
                .statusCode(404).body("code", equalTo("not_found"));
    }

    private String awaitRoom(String player) {
        long end = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < end) {
            String room = lobby.player(player).get("room");
            if (room != null) {
                return room;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("player " + player + " was not placed");
    }
}
