package dev.arena.lobby;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.arena.testsupport.JwtKeysResource;
import dev.arena.testsupport.MonitoredMetrics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** What an operator relies on: health, Prometheus metrics, the OpenAPI document and JSON 404s. */
@QuarkusTest
@QuarkusTestResource(JwtKeysResource.class)
class OperationsEndpointsTest {

    @Test
    void healthIsUpWithRedisAndPostgres() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'Stores' }.data.Redis", equalTo("answering"))
                .body("checks.find { it.name == 'Stores' }.data.PostgreSQL", equalTo("answering"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsAreInPrometheusFormat() {
        given().when().post("/lobby/api/guest").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"));
    }

    @Test
    void exportsEveryMetricTheShippedDashboardAndAlertsReadOfTheLobby() {
        MonitoredMetrics.assertExported(given().when().get("/q/metrics").then().statusCode(200).extract().asString(), "arena_lobby_");
    }

    @Test
    void openApiDescribesTheGuestEndpoint() {
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("/lobby/api/guest"));
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void unknownResourcesAreJsonErrors() {
        given().when().get("/lobby/api/no-such-thing").then().statusCode(404)
                .contentType(ContentType.JSON).body("code", equalTo("not_found"));
    }
}
