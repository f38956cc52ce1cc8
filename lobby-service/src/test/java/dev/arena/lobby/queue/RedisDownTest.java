package dev.arena.lobby.queue;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.arena.testsupport.JwtKeysResource;
import dev.arena.testsupport.RedisUnreachableProfile;
import dev.arena.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** With Redis unreachable the queue answers 503 with Retry-After, as JSON (the Lua step never ran, so nothing is half-written). */
@QuarkusTest
@TestProfile(RedisUnreachableProfile.class)
@QuarkusTestResource(JwtKeysResource.class)
class RedisDownTest {

    @Test
    void queueCallsAnswer503WithRetryAfter() {
        String token = TestTokens.player();
        given().auth().oauth2(token).when().post("/lobby/api/queue").then().statusCode(503)
                .contentType(ContentType.JSON).header("Retry-After", notNullValue())
                .body("code", equalTo("unavailable"));
        given().auth().oauth2(token).when().delete("/lobby/api/queue").then().statusCode(503)
                .header("Retry-After", notNullValue()).body("code", equalTo("unavailable"));
        given().auth().oauth2(token).when().get("/lobby/api/queue").then().statusCode(503)
                .body("code", equalTo("unavailable"));
        given().auth().oauth2(TestTokens.admin()).when().get("/admin/queue").then().statusCode(503)
                .body("code", equalTo("unavailable"));
    }
}
