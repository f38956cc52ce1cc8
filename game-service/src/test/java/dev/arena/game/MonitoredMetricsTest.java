package dev.arena.game;

import static io.restassured.RestAssured.given;

import dev.arena.testsupport.JwtKeysResource;
import dev.arena.testsupport.MonitoredMetrics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The game node's metrics that the shipped Grafana dashboard and Prometheus alert rules read are on its /q/metrics. */
@QuarkusTest
@QuarkusTestResource(JwtKeysResource.class)
class MonitoredMetricsTest {

    @Test
    void exportsEveryMetricTheShippedDashboardAndAlertsReadOfTheGameNode() {
        MonitoredMetrics.assertExported(given().when().get("/q/metrics").then().statusCode(200).extract().asString(), "arena_game_");
    }
}
