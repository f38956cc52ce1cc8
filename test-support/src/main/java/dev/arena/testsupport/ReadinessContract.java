package dev.arena.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

/**
 * What every service's readiness promises: DOWN while Redis cannot be reached, while liveness
 * stays UP. A service's test extends this with {@code @QuarkusTest} and
 * {@code @TestProfile(RedisUnreachableProfile.class)}.
 */
public abstract class ReadinessContract {

    @Test
    void readyIsDownWhileRedisIsUnreachable() {
        given().when().get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.status", hasItem("DOWN"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
