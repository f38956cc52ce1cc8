package dev.arena.matchmaker;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.arena.model.keys.PlayerFields;
import dev.arena.model.keys.RedisKeys;
import dev.arena.testsupport.JwtKeysResource;
import dev.arena.testsupport.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(JwtKeysResource.class)
class PlayerPlacementResourceTest {

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Test
    void aPlayerWithNoRecordIsIdle() {
        String id = UUID.randomUUID().toString();
        given().auth().oauth2(TestTokens.player(id)).when().get("/matchmaker/api/players/me")
                .then().statusCode(200).body("playerId", equalTo(id)).body("status", equalTo("idle"));
    }

    @Test
    void aPlayerInARoomSeesTheRoom() {
        String id = UUID.randomUUID().toString();
        String key = keys.player(id);
        redis.hash(String.class).hset(key, Map.of(PlayerFields.STATUS, "in_room", PlayerFields.ROOM, "r-1"));
        try {
            given().auth().oauth2(TestTokens.player(id)).when().get("/matchmaker/api/players/me")
                    .then().statusCode(200).body("status", equalTo("in_room")).body("roomId", equalTo("r-1"));
        } finally {
            redis.key().del(key);
        }
    }

    @Test
    void needsAValidPlayerToken() {
        given().when().get("/matchmaker/api/players/me").then().statusCode(401).body("code", equalTo("unauthorized"));
        given().auth().oauth2(TestTokens.forgedAdmin()).when().get("/matchmaker/api/players/me").then().statusCode(401);
        given().auth().oauth2(TestTokens.admin()).when().get("/admin/ping").then().statusCode(200)
                .body("service", equalTo("matchmaker"));
        given().auth().oauth2(TestTokens.player()).when().get("/admin/ping").then().statusCode(403)
                .body("code", equalTo("forbidden"));
    }
}
