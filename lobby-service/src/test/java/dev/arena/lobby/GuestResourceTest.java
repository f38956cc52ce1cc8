package dev.arena.lobby;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arena.testsupport.JwtKeysResource;
import dev.arena.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(JwtKeysResource.class)
class GuestResourceTest {

    @Inject
    Pool pool;

    @Test
    void issuesAnRs256TokenForANewPlayerAndStoresThePlayer() {
        JsonPath body = given().when().post("/lobby/api/guest")
                .then().statusCode(200)
                .body("token", not(emptyOrNullString()))
                .body("player.name", not(emptyOrNullString()))
                .body("player.colors.primary", org.hamcrest.Matchers.matchesPattern("#[0-9a-f]{6}"))
                .extract().jsonPath();
        String id = body.getString("player.id");
        String token = body.getString("token");

        String header = decodePart(token, 0);
        String payload = decodePart(token, 1);
        assertEquals(true, header.contains("\"RS256\""), header);
        assertEquals(true, payload.contains("\"sub\":\"" + id + "\""), payload);
        assertEquals(true, payload.contains("\"iss\":\"arena-lobby\""), payload);

        String stored = pool.preparedQuery("SELECT name FROM players WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(id))).await().indefinitely()
                .iterator().next().getString("name");
        assertEquals(body.getString("player.name"), stored);
    }

    @Test
    void aStillValidTokenKeepsThePlayerAndCanRenameIt() {
        JsonPath first = given().contentType(ContentType.JSON)
                .body("{\"name\":\"Alice\",\"colors\":{\"primary\":\"#FF0000\",\"secondary\":\"#00ff00\"}}")
                .when().post("/lobby/api/guest")
                .then().statusCode(200)
                .body("player.name", equalTo("Alice"))
                .body("player.colors.primary", equalTo("#ff0000"))
                .extract().jsonPath();
        String id = first.getString("player.id");

        given().header("Authorization", "Bearer " + first.getString("token"))
                .when().post("/lobby/api/guest")
                .then().statusCode(200)
                .body("player.id", equalTo(id))
                .body("player.name", equalTo("Alice"));

        given().header("Authorization", "Bearer " + first.getString("token"))
                .contentType(ContentType.JSON).body("{\"name\":\"  Bob  \"}")
                .when().post("/lobby/api/guest")
                .then().statusCode(200)
                .body("player.id", equalTo(id))
                .body("player.name", equalTo("Bob"))
                .body("player.colors.secondary", equalTo("#00ff00"));
    }

    @Test
    void anInvalidTokenMeansANewGuestNotAnError() {
        given().header("Authorization", "Bearer " + TestTokens.forgedAdmin())
                .when().post("/lobby/api/guest")
                .then().statusCode(200).body("token", not(emptyOrNullString()));
    }

    @Test
    void meReturnsTheStoredProfile() {
        JsonPath guest = given().contentType(ContentType.JSON).body("{\"name\":\"Carol\"}")
                .when().post("/lobby/api/guest").then().statusCode(200).extract().jsonPath();
        given().auth().oauth2(guest.getString("token"))
                .when().get("/lobby/api/me")
                .then().statusCode(200)
                .body("id", equalTo(guest.getString("player.id")))
                .body("name", equalTo("Carol"));
    }

    @Test
    void rejectsNamesThatAreTooLongEmptyOrNotPrintable() {
        for (String name : new String[] {"x".repeat(21), "   ", "bad\\u0007name"}) {
            given().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\"}")
                    .when().post("/lobby/api/guest")
                    .then().statusCode(400)
                    .contentType(ContentType.JSON)
                    .body("code", equalTo("validation_failed"))
                    .body("message", not(emptyOrNullString()));
        }
    }

    @Test
    void rejectsBadColors() {
        given().contentType(ContentType.JSON)
                .body("{\"colors\":{\"primary\":\"red\",\"secondary\":\"#00ff00\"}}")
                .when().post("/lobby/api/guest")
                .then().statusCode(400).body("code", equalTo("validation_failed"));
    }

    @Test
    void malformedJsonIsA400WithAJsonErrorAndNoStackTrace() {
        String body = given().contentType(ContentType.JSON).body("{\"name\": ")
                .when().post("/lobby/api/guest")
                .then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("code", equalTo("malformed_json"))
                .extract().asString();
        assertEquals(false, body.contains("at "), body);
        given().contentType(ContentType.JSON).body("{\"name\": 42}")
                .when().post("/lobby/api/guest")
                .then().statusCode(400).body("code", equalTo("invalid_value"));
    }

    private static String decodePart(String jwt, int index) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]), StandardCharsets.UTF_8);
    }
}
