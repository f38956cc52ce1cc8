package dev.arena.lobby.queue;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arena.model.codec.MessageCodec;
import dev.arena.model.protocol.ErrorMessage;
import dev.arena.model.protocol.LobbyServerMessage;
import dev.arena.model.protocol.LobbyServerMessage.QueueStatus;
import dev.arena.testsupport.Await;
import dev.arena.testsupport.JwtKeysResource;
import dev.arena.testsupport.OwnRedis;
import dev.arena.testsupport.OwnRedisProfile;
import dev.arena.testsupport.SocketTestClient;
import dev.arena.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A stalled Redis ({@code CLIENT PAUSE}) and a restarted one, on a Redis of the test's own: the
 * lobby answers within a bounded time (503 with Retry-After, the socket's {@code unavailable},
 * readiness DOWN), never a 500, and serves players again by itself once Redis is back.
 */
@QuarkusTest
@QuarkusTestResource(JwtKeysResource.class)
@TestProfile(RedisStallTest.Profile.class)
class RedisStallTest {

    /** The tests' own Redis, checked more often than by default. */
    public static class Profile extends OwnRedisProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("arena.request.store-check-interval", "PT0.25S");
            return config;
        }
    }

    /** Stall detection (a PING unanswered for 1 s, checked every 0.25 s) plus room for a busy machine: far below the stall. */
    private static final Duration BOUND = Duration.ofMillis(3_000);
    private static final Duration STALL = Duration.ofSeconds(6);

    @TestHTTPResource("/lobby")
    URI lobby;

    @Inject
    MessageCodec codec;

    @Test
    void aStalledRedisGetsBoundedAnswersAndThePlayerQueuesOnceItIsBack() throws Exception {
        String token = TestTokens.player();
        warmUp(token);
        SocketTestClient<LobbyServerMessage> socket = SocketTestClient.connect(
                URI.create(lobby.toString().replaceFirst("^http", "ws")), token, codec::decodeLobbyServer);
        socket.next(QueueStatus.class, m -> true);

        OwnRedis.shared().pause(STALL);
        Await.within(BOUND, "POST /lobby/api/queue", () -> given().auth().oauth2(token).when().post("/lobby/api/queue")
                .then().statusCode(503).contentType(ContentType.JSON).header("Retry-After", notNullValue())
                .body("code", equalTo("unavailable")));
        Await.within(BOUND, "readiness", () -> given().when().get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN")));
        Await.within(BOUND, "the socket's join", () -> {
            socket.send("{\"t\":\"queue\"}");
            try {
                assertEquals("unavailable", socket.next(ErrorMessage.class, m -> true, BOUND.plusSeconds(2)).code());
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });

        // Once Redis resumes: the stalled join may have run then (one atomic step), so the player is queued either way.
        Await.until(() -> Set.of(202, 409).contains(given().auth().oauth2(token).when().post("/lobby/api/queue").statusCode()),
                STALL.plusSeconds(10), "a join once Redis is back");
        given().auth().oauth2(token).when().get("/lobby/api/queue").then().statusCode(200)
                .body("placement.status", equalTo("queued"));
        socket.close();
    }

    @Test
    void aRestartedRedisIsUsedAgainWithoutRestartingTheLobby() throws Exception {
        String token = TestTokens.player();
        warmUp(token);
        OwnRedis.shared().stop();
        Await.within(BOUND, "POST /lobby/api/queue with Redis down", () -> given().auth().oauth2(token).when()
                .post("/lobby/api/queue").then().statusCode(503).header("Retry-After", notNullValue())
                .body("code", equalTo("unavailable")));
        given().when().get("/q/health/ready").then().statusCode(503);

        OwnRedis.shared().startAgain(); // empty: no scripts, no stream, no subscription
        Await.until(() -> given().auth().oauth2(token).when().post("/lobby/api/queue").statusCode() == 202,
                Duration.ofSeconds(20), "a join on the restarted Redis");
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    // The paths measured below have run once: a freshly started service's first request is slow
    // for reasons of its own (classes loading, cold code), which is not what the bound is about.
    private static void warmUp(String token) {
        given().auth().oauth2(token).when().post("/lobby/api/queue").then().statusCode(202);
        given().auth().oauth2(token).when().delete("/lobby/api/queue").then().statusCode(200);
    }
}
