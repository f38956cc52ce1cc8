package dev.arena.game;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.arena.game.node.ShardProfile;
import dev.arena.model.keys.RedisKeys;
import dev.arena.testsupport.JwtKeysResource;
import dev.arena.testsupport.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(LeaderboardResourceTest.Profile.class)
@QuarkusTestResource(JwtKeysResource.class)
class LeaderboardResourceTest {

    /** Its own shard: the node announces itself while the test runs, and must not show up in the default shard. */
    public static class Profile extends ShardProfile {}

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Test
    void aNewPlayerHasNoScoreAndNoRank() {
        given().auth().oauth2(TestTokens.player()).when().get("/game/api/leaderboard/me")
                .then().statusCode(200).body("score", equalTo(0)).body("rank", nullValue());
    }

    @Test
    void aScoredPlayerSeesScoreAndRank() {
        String id = UUID.randomUUID().toString();
        redis.sortedSet(String.class).zadd(keys.leaderboard(), 1e12, id);
        try {
            given().auth().oauth2(TestTokens.player(id)).when().get("/game/api/leaderboard/me")
                    .then().statusCode(200).body("score", equalTo(1000000000000L)).body("rank", equalTo(1));
        } finally {
            redis.sortedSet(String.class).zrem(keys.leaderboard(), id);
        }
    }

    @Test
    void needsAValidPlayerToken() {
        given().when().get("/game/api/leaderboard/me").then().statusCode(401).body("code", equalTo("unauthorized"));
        given().auth().oauth2(TestTokens.expiredAdmin()).when().get("/game/api/leaderboard/me").then().statusCode(401);
        given().auth().oauth2(TestTokens.admin()).when().get("/admin/ping").then().statusCode(200)
                .body("service", equalTo("game"));
    }
}
