package dev.arena.lobby;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.arena.testsupport.Await;
import dev.arena.testsupport.JwtKeysResource;
import dev.arena.testsupport.PausableProxy;
import dev.arena.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A stalled PostgreSQL (a proxy in front of it holding every byte): the requests that need it are
 * answered 503 with Retry-After within a bounded time and readiness is DOWN, the ones that need
 * only Redis go on, and the lobby serves guests again by itself once the database answers.
 */
@QuarkusTest
@QuarkusTestResource(JwtKeysResource.class)
@TestProfile(PostgresStallTest.Profile.class)
class PostgresStallTest {

    private static final String PROXY_PORT = "arena.test.postgres-proxy-port";

    /** The lobby's database through the proxy, checked more often than by default. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.url",
                    "postgresql://127.0.0.1:" + proxyPort() + "/${arena.db.name}",
                    "arena.request.store-check-interval", "PT0.25S");
        }
    }

    /** Stall detection (a ping unanswered for 1 s, checked every 0.25 s) plus room for a busy machine: far below the stall. */
    private static final Duration BOUND = Duration.ofMillis(3_000);
    private static final Duration STALL = Duration.ofSeconds(6);

    private static PausableProxy database;

    @BeforeAll
    static void startProxy() throws IOException {
        database = PausableProxy.start(proxyPort(), System.getenv().getOrDefault("ARENA_DB_HOST", "127.0.0.1"),
                Integer.parseInt(System.getenv().getOrDefault("ARENA_DB_PORT", "5432")));
    }

    @AfterAll
    static void stopProxy() throws IOException {
        database.close();
    }

    @Test
    void aStalledDatabaseGetsBoundedAnswersWhileRedisOnlyRequestsGoOn() {
        Await.until(() -> given().when().get("/q/health/ready").statusCode() == 200, Duration.ofSeconds(10),
                "readiness once the database answers through the proxy");
        given().when().post("/lobby/api/guest").then().statusCode(200);

        database.pause(STALL);
        Await.within(BOUND, "POST /lobby/api/guest", () -> given().when().post("/lobby/api/guest").then().statusCode(503)
                .contentType(ContentType.JSON).header("Retry-After", notNullValue()).body("code", equalTo("unavailable")));
        Await.within(BOUND, "readiness", () -> given().when().get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'Stores' }.data.PostgreSQL", equalTo("stalled")));

        String token = TestTokens.player();
        given().auth().oauth2(token).when().post("/lobby/api/queue").then().statusCode(202);
        given().auth().oauth2(token).when().delete("/lobby/api/queue").then().statusCode(200);

        Await.until(() -> given().when().post("/lobby/api/guest").statusCode() == 200, STALL.plusSeconds(10),
                "a guest once the database answers again");
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    private static int proxyPort() {
        // One port for every class loader that reads the profile, chosen before the lobby starts.
        return Integer.parseInt((String) System.getProperties().computeIfAbsent(PROXY_PORT, key -> {
            try {
                return String.valueOf(PausableProxy.freePort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }
}
