package dev.arena.lobby.transport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arena.testsupport.IsolatedShardProfile;
import dev.arena.testsupport.JwtKeysResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The operator console's sign-in: the password for an admin token, wrong passwords refused and counted per address. */
@QuarkusTest
@TestProfile(OperatorSessionResourceTest.Profile.class)
@QuarkusTestResource(JwtKeysResource.class)
class OperatorSessionResourceTest {

    // A constant: the profile is loaded apart from the test class, so a random value would differ between them.
    static final String PASSWORD = "test-only-console-password";
    static final int ATTEMPTS = 3;
    private static final String PATH = "/lobby/api/operator/session";

    public static class Profile extends IsolatedShardProfile {
        @Override
        protected Map<String, String> overrides() {
            return Map.of("arena.lobby.console.password", PASSWORD,
                    "arena.lobby.console.attempts-per-window", Integer.toString(ATTEMPTS),
                    "arena.lobby.console.session-lifetime", "PT10M");
        }
    }

    @Test
    void thePasswordGetsAnAdminTokenTheAdminEndpointsTake() throws Exception {
        String token = given().header("X-Real-IP", address()).contentType(ContentType.JSON)
                .body(Map.of("password", PASSWORD)).when().post(PATH)
                .then().statusCode(200).body("token", not(emptyOrNullString())).extract().path("token");
        long expiresAt = given().header("X-Real-IP", address()).contentType(ContentType.JSON)
                .body(Map.of("password", PASSWORD)).when().post(PATH).then().statusCode(200).extract().jsonPath().getLong("expiresAt");

        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertEquals("operator", claims.path("sub").asText());
        assertEquals("admin", claims.path("groups").path(0).asText());
        long lifetime = expiresAt - System.currentTimeMillis() / 1000;
        assertTrue(lifetime > 9 * 60 && lifetime <= 10 * 60, "session lifetime " + lifetime + " s");
        given().auth().oauth2(token).when().get("/admin/queue").then().statusCode(200);
        given().auth().oauth2(token).when().get("/admin/ping").then().statusCode(200);
    }

    @Test
    void aWrongPasswordIsRefusedAndAttemptsAreLimitedPerAddress() {
        String address = address();
        for (int i = 0; i < ATTEMPTS; i++) {
            given().header("X-Real-IP", address).contentType(ContentType.JSON).body(Map.of("password", "guess-" + i))
                    .when().post(PATH).then().statusCode(401).body("code", equalTo("unauthorized"));
        }
        // Even the right password waits for the window to end: guessing costs a window per few tries.
        given().header("X-Real-IP", address).contentType(ContentType.JSON).body(Map.of("password", PASSWORD))
                .when().post(PATH).then().statusCode(429).body("code", equalTo("rate_limited"))
                .header("Retry-After", not(emptyOrNullString()));
        given().header("X-Real-IP", address()).contentType(ContentType.JSON).body(Map.of("password", PASSWORD))
                .when().post(PATH).then().statusCode(200);
    }

    @Test
    void aBodyWithoutAPasswordIsABadRequest() {
        given().contentType(ContentType.JSON).body("{}").when().post(PATH)
                .then().statusCode(400).body("code", equalTo("validation_failed"));
        given().contentType(ContentType.JSON).body("{\"password\":").when().post(PATH)
                .then().statusCode(400).body("code", equalTo("malformed_json"));
        given().contentType(ContentType.JSON).body("{\"password\":12}".getBytes(StandardCharsets.UTF_8)).when().post(PATH)
                .then().statusCode(400).body("code", equalTo("validation_failed"));
    }

    // Each test signs in from an address of its own, so their attempts are counted apart.
    private static String address() {
        UUID random = UUID.randomUUID();
        return "10." + (random.getMostSignificantBits() & 0xff) + "." + (random.getLeastSignificantBits() & 0xff) + "."
                + ((random.getLeastSignificantBits() >>> 8) & 0xff);
    }
}
