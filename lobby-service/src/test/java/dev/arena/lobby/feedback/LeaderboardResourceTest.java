package dev.arena.lobby.feedback;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arena.model.keys.RedisKeys;
import dev.arena.testsupport.JwtKeysResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** GET /lobby/api/leaderboard: ids and scores from Redis, names from PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(JwtKeysResource.class)
class LeaderboardResourceTest {

    @Inject
    Redis redis;

    @Inject
    RedisKeys keys;

    private final List<String> added = new java.util.ArrayList<>();

    @AfterEach
    void removeOurEntries() {
        for (String id : added) {
            redis.send(Request.cmd(Command.ZREM).arg(keys.leaderboard()).arg(id)).await().indefinitely();
        }
    }

    private String player(String name, long score) {
        String id = given().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\",\"colors\":{\"primary\":\"#112233\",\"secondary\":\"#445566\"}}")
                .when().post("/lobby/api/guest").then().statusCode(200).extract().jsonPath().getString("player.id");
        score(id, score);
        return id;
    }

    private void score(String id, long score) {
        added.add(id);
        redis.send(Request.cmd(Command.ZADD).arg(keys.leaderboard()).arg(score).arg(id)).await().indefinitely();
    }

    @Test
    void listsTheTopPlayersBestFirstWithNames() {
        // Scores far above anything other tests leave behind, so ours are the top three.
        long base = 1_000_000_000L + System.nanoTime() % 1_000_000;
        String a = player("Ada", base + 30);
        String b = player("Bob", base + 20);
        String c = player("Cyd", base + 10);
        JsonPath top = given().when().get("/lobby/api/leaderboard?limit=3")
                .then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();
        assertEquals(List.of(a, b, c), top.getList("players.id"));
        assertEquals(List.of("Ada", "Bob", "Cyd"), top.getList("players.name"));
        assertEquals(List.of(1, 2, 3), top.getList("players.rank"));
        assertEquals(base + 30, top.getLong("players[0].score"));
        assertEquals("#112233", top.getString("players[0].colors.primary"));
    }

    @Test
    void anIdWithoutAPlayerRowStillShowsWithoutAName() {
        String ghost = UUID.randomUUID().toString();
        score(ghost, 2_000_000_000_000L);
        given().when().get("/lobby/api/leaderboard?limit=1").then().statusCode(200)
                .body("players[0].id", equalTo(ghost));
    }

    @Test
    void theDefaultIsTenAndTheLimitIsChecked() {
        for (int i = 0; i < 11; i++) {
            score(UUID.randomUUID().toString(), 1 + i);
        }
        int size = given().when().get("/lobby/api/leaderboard").then().statusCode(200)
                .extract().jsonPath().getList("players").size();
        assertTrue(size == 10, "default size " + size);
        for (String bad : new String[] {"0", "101", "x", "-1"}) {
            given().when().get("/lobby/api/leaderboard?limit=" + bad).then().statusCode(400)
                    .contentType(ContentType.JSON).body("code", equalTo("validation_failed"));
        }
        given().when().get("/lobby/api/leaderboard?limit=100").then().statusCode(200);
    }
}
