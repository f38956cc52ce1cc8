package dev.arena.matchmaker.transport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;

import dev.arena.matchmaker.support.ShardProfile;
import dev.arena.matchmaker.support.TestLobby;
import dev.arena.model.keys.RedisKeys;
import dev.arena.testsupport.Await;
import dev.arena.testsupport.JwtKeysResource;
import dev.arena.testsupport.ShardKeys;
import dev.arena.testsupport.TestTags;
import dev.arena.testsupport.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The operators' view of the game nodes (a live node's heartbeat and grants, a lost one's rooms) and of matchmaking, admins only. */
@Tag(TestTags.REDIS_CLUSTER)
@QuarkusTest
@TestProfile(AdminNodesResourceTest.Profile.class)
@QuarkusTestResource(JwtKeysResource.class)
class AdminNodesResourceTest {

    /** No node check while the test runs: it would prune and take over the nodes the test made up. */
    public static class Profile extends ShardProfile {
        @Override
        protected Map<String, String> timings() {
            return Map.of("arena.matchmaker.node-check-interval", "PT1H");
        }
    }

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @AfterEach
    void tearDown() {
        ShardKeys.deleteAll(redis, keys);
    }

    @Test
    void needsTheAdminRole() {
        given().when().get("/admin/nodes").then().statusCode(401);
        given().auth().oauth2(TestTokens.player()).when().get("/admin/nodes").then().statusCode(403)
                .body("code", equalTo("forbidden"));
    }

    @Test
    void listsLiveAndLostNodesWithHeartbeatLoadAndGrants() {
        redis.sortedSet(String.class).zadd(keys.gameNodes(), 7, "game-a");
        redis.value(String.class).set(keys.gameNodeHeartbeat("game-a"), "{\"rooms\":2,\"players\":7,\"capacity\":100}",
                new SetArgs().px(Duration.ofSeconds(30)));
        redis.set(String.class).sadd(keys.gameNodeGranted("game-a"), "room-1", "room-2");
        redis.set(String.class).sadd(keys.gameNodesLost(), "game-b");
        redis.set(String.class).sadd(keys.gameNodeGranted("game-b"), "room-3");

        given().auth().oauth2(TestTokens.admin()).when().get("/admin/nodes").then().statusCode(200)
                .body("nodes.nodeId", contains("game-a", "game-b"))
                .body("nodes[0].alive", equalTo(true))
                .body("nodes[0].lost", equalTo(false))
                .body("nodes[0].heartbeatTtlMs", greaterThan(0))
                .body("nodes[0].heartbeatTtlMs", lessThanOrEqualTo(30_000))
                .body("nodes[0].rooms", equalTo(2))
                .body("nodes[0].players", equalTo(7))
                .body("nodes[0].capacity", equalTo(100))
                .body("nodes[0].grantedRooms", equalTo(2))
                .body("nodes[0].grantedPlayers", equalTo(7))
                .body("nodes[1].alive", equalTo(false))
                .body("nodes[1].lost", equalTo(true))
                .body("nodes[1].heartbeatTtlMs", nullValue())
                .body("nodes[1].capacity", nullValue())
                .body("nodes[1].grantedRooms", equalTo(1));
    }

    @Test
    void matchmakingFiguresNeedTheAdminRoleAndCountQueueToRoom() {
        given().auth().oauth2(TestTokens.player()).when().get("/admin/matchmaking").then().statusCode(403);
        int before = given().auth().oauth2(TestTokens.admin()).when().get("/admin/matchmaking").then().statusCode(200)
                .extract().path("queueToRoom.count");
        TestLobby lobby = new TestLobby(redis, keys);
        long now = System.currentTimeMillis();
        lobby.enqueue(now - 300);
        lobby.enqueue(now - 200);

        Await.until(() -> given().auth().oauth2(TestTokens.admin()).when().get("/admin/matchmaking")
                .then().extract().<Integer>path("queueToRoom.count") >= before + 2, Duration.ofSeconds(5), "two placements counted");
        given().auth().oauth2(TestTokens.admin()).when().get("/admin/matchmaking").then().statusCode(200)
                .body("queueToRoom.p99Ms", greaterThanOrEqualTo(100f))
                .body("roomsTakenOver", greaterThanOrEqualTo(0));
    }

    @Test
    void noNodesIsAnEmptyList() {
        given().auth().oauth2(TestTokens.admin()).when().get("/admin/nodes").then().statusCode(200)
                .body("nodes.size()", equalTo(0));
    }
}
