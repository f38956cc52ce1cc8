package dev.arena.lobby.feedback;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arena.testsupport.JwtKeysResource;
import dev.arena.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** POST /lobby/api/feedback and GET /admin/feedback against the real arena_test database and Redis. */
@QuarkusTest
@QuarkusTestResource(JwtKeysResource.class)
class FeedbackResourceTest {

    @Inject
    Pool pool;

    // Each test posts from its own made-up address, so the per-IP limit of one never hits another.
    private static String freshIp() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    private static io.restassured.specification.RequestSpecification from(String ip) {
        return given().header("X-Real-IP", ip).contentType(ContentType.JSON);
    }

    private Row row(long id) {
        return pool.preparedQuery("SELECT player_id, rating, message, contact, host(client_ip) AS ip FROM feedback WHERE id = $1")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next();
    }

    @Test
    void storesAnAnonymousPostWithTheClientAddress() {
        String ip = freshIp();
        long id = from(ip).body("{\"rating\":4,\"message\":\"  Fun game, more maps please  \",\"contact\":\"ada@example.org\"}")
                .when().post("/lobby/api/feedback")
                .then().statusCode(201).body("id", notNullValue()).extract().jsonPath().getLong("id");
        Row row = row(id);
        assertNull(row.getUUID("player_id"));
        assertEquals(4, row.getInteger("rating"));
        assertEquals("Fun game, more maps please", row.getString("message"));
        assertEquals("ada@example.org", row.getString("contact"));
        assertEquals(ip, row.getString("ip"));
    }

    @Test
    void aValidPlayerTokenTiesThePostToThePlayer() {
        JsonPath guest = given().when().post("/lobby/api/guest").then().statusCode(200).extract().jsonPath();
        long id = from(freshIp()).auth().oauth2(guest.getString("token"))
                .body("{\"rating\":5,\"message\":\"great\"}")
                .when().post("/lobby/api/feedback").then().statusCode(201).extract().jsonPath().getLong("id");
        assertEquals(guest.getString("player.id"), row(id).getUUID("player_id").toString());

        // A forged token is no error: the post is simply anonymous.
        long anon = from(freshIp()).auth().oauth2(TestTokens.forgedAdmin())
                .body("{\"rating\":1,\"message\":\"meh\"}")
                .when().post("/lobby/api/feedback").then().statusCode(201).extract().jsonPath().getLong("id");
        assertNull(row(anon).getUUID("player_id"));
    }

    @Test
    void theLastForwardedHopIsTheClientWhenThereIsNoRealIp() {
        String ip = freshIp();
        long id = given().header("X-Forwarded-For", "1.2.3.4, " + ip).contentType(ContentType.JSON)
                .body("{\"rating\":3,\"message\":\"ok\"}")
                .when().post("/lobby/api/feedback").then().statusCode(201).extract().jsonPath().getLong("id");
        assertEquals(ip, row(id).getString("ip"));
    }

    @Test
    void rejectsBadPostsWithJsonErrors() {
        String ip = freshIp();
        String longText = "x".repeat(2001);
        List<String> invalid = List.of(
                "{\"message\":\"no rating\"}",
                "{\"rating\":0,\"message\":\"too low\"}",
                "{\"rating\":6,\"message\":\"too high\"}",
                "{\"rating\":\"5\",\"message\":\"a string\"}",
                "{\"rating\":4.5,\"message\":\"a fraction\"}",
                "{\"rating\":3}",
                "{\"rating\":3,\"message\":\"   \"}",
                "{\"rating\":3,\"message\":\"" + longText + "\"}",
                "{\"rating\":3,\"message\":\"ok\",\"contact\":\"" + "c".repeat(201) + "\"}",
                "{\"rating\":3,\"message\":\"ok\",\"contact\":7}",
                "[1,2]",
                "");
        for (String body : invalid) {
            from(ip).body(body).when().post("/lobby/api/feedback")
                    .then().statusCode(400).contentType(ContentType.JSON)
                    .body("code", equalTo("validation_failed"));
        }
        from(ip).body("{\"rating\": ").when().post("/lobby/api/feedback")
                .then().statusCode(400).body("code", equalTo("malformed_json"));
        // Exactly 2,000 characters (emoji count as one) is fine.
        from(ip).body("{\"rating\":2,\"message\":\"" + "\uD83D\uDE00".repeat(2000) + "\"}")
                .when().post("/lobby/api/feedback").then().statusCode(201);
    }

    @Test
    void theSixthPostInAMinuteFromOneAddressIs429WithRetryAfter() {
        String ip = freshIp();
        for (int i = 0; i < 5; i++) {
            from(ip).body("{\"rating\":3,\"message\":\"post " + i + "\"}")
                    .when().post("/lobby/api/feedback").then().statusCode(201);
        }
        String retry = from(ip).body("{\"rating\":3,\"message\":\"one too many\"}")
                .when().post("/lobby/api/feedback")
                .then().statusCode(429).contentType(ContentType.JSON)
                .body("code", equalTo("rate_limited"))
                .extract().header("Retry-After");
        int seconds = Integer.parseInt(retry);
        assertTrue(seconds >= 1 && seconds <= 60, retry);
        // Another address is not affected.
        from(freshIp()).body("{\"rating\":3,\"message\":\"someone else\"}")
                .when().post("/lobby/api/feedback").then().statusCode(201);
    }

    @Test
    void adminListsFeedbackNewestFirstInPages() {
        String ip = freshIp();
        String marker = "page-" + System.nanoTime();
        long[] ids = new long[3];
        for (int i = 0; i < 3; i++) {
            ids[i] = from(ip).body("{\"rating\":" + (i + 1) + ",\"message\":\"" + marker + " " + i + "\"}")
                    .when().post("/lobby/api/feedback").then().statusCode(201).extract().jsonPath().getLong("id");
        }
        // Start just above the newest of ours, so rows of parallel tests cannot interleave.
        JsonPath first = given().auth().oauth2(TestTokens.admin())
                .when().get("/admin/feedback?limit=2&before=" + (ids[2] + 1))
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(ids[2], ids[1]), first.getList("items.id", Long.class));
        assertEquals(marker + " 2", first.getString("items[0].message"));
        assertEquals(ip, first.getString("items[0].clientIp"));
        assertEquals(ids[1], first.getLong("next"));
        given().auth().oauth2(TestTokens.admin())
                .when().get("/admin/feedback?limit=1&before=" + first.getLong("next"))
                .then().statusCode(200)
                .body("items[0].id", equalTo((int) ids[0]))
                .body("items[0].createdAt", notNullValue());

        given().auth().oauth2(TestTokens.admin()).when().get("/admin/feedback")
                .then().statusCode(200).body("items.size()", org.hamcrest.Matchers.greaterThan(0));
        given().auth().oauth2(TestTokens.admin()).when().get("/admin/feedback?limit=0")
                .then().statusCode(400).body("code", equalTo("validation_failed"));
        given().auth().oauth2(TestTokens.admin()).when().get("/admin/feedback?before=abc")
                .then().statusCode(400).body("message", containsString("before"));
        given().auth().oauth2(TestTokens.player()).when().get("/admin/feedback").then().statusCode(403);
        given().when().get("/admin/feedback").then().statusCode(401);
    }

    @Test
    void theLastPageHasNoNext() {
        given().auth().oauth2(TestTokens.admin()).when().get("/admin/feedback?before=1")
                .then().statusCode(200).body("items.size()", equalTo(0)).body("next", nullValue());
    }
}
