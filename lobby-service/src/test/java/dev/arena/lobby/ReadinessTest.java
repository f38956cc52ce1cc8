package dev.arena.lobby;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.arena.testsupport.JwtKeysResource;
import dev.arena.testsupport.RedisUnreachableProfile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** Readiness must say DOWN while Redis cannot be reached, and liveness must not. */
@QuarkusTest
@TestProfile(RedisUnreachableProfile.class)
@QuarkusTestResource(JwtKeysResource.class)
class ReadinessTest {

    @Test
    void readyIsDownWhileRedisIsUnreachable() {
        given().when().get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.status", hasItem("DOWN"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
