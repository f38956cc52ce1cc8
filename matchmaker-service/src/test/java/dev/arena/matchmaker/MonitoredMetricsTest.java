package dev.arena.matchmaker;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.arena.testsupport.JwtKeysResource;
import dev.arena.testsupport.MonitoredMetrics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The matchmaker's metrics that the shipped Grafana dashboard and Prometheus alert rules read are on its /q/metrics. */
@QuarkusTest
@QuarkusTestResource(JwtKeysResource.class)
class MonitoredMetricsTest {

    @Test
    void exportsEveryMetricTheShippedDashboardAndAlertsReadOfTheMatchmaker() {
        Set<String> monitored = MonitoredMetrics.startingWith("arena_matchmaker_", "arena_store_", "jvm_", "process_");
        assertFalse(monitored.isEmpty(), "the dashboard names matchmaker metrics");
        String scrape = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertEquals(Set.of(), MonitoredMetrics.missingFrom(scrape, monitored), "named in k8s/base/monitoring, not exported");
    }
}
