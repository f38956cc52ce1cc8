package dev.arena.matchmaker.transport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.arena.testsupport.JwtKeysResource;
import dev.arena.testsupport.RedisUnreachableProfile;
import dev.arena.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** With Redis unreachable an operator gets 503 JSON with Retry-After, not a 500. */
@QuarkusTest
@TestProfile(RedisUnreachableProfile.class)
@QuarkusTestResource(JwtKeysResource.class)
class AdminRoomsUnavailableTest {

    @Test
    void answers503WithRetryAfter() {
        given().auth().oauth2(TestTokens.admin()).when().get("/admin/rooms").then().statusCode(503)
                .header("Retry-After", notNullValue()).body("code", equalTo("unavailable"));
        given().auth().oauth2(TestTokens.admin()).when().get("/admin/rooms/r-1").then().statusCode(503)
                .body("code", equalTo("unavailable"));
        given().auth().oauth2(TestTokens.admin()).when().post("/admin/rooms/r-1/dissolve").then().statusCode(503)
                .body("code", equalTo("unavailable"));
    }
}
