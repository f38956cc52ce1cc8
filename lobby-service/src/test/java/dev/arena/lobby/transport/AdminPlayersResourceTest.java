package dev.arena.lobby.transport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import dev.arena.testsupport.IsolatedShardProfile;
import dev.arena.testsupport.JwtKeysResource;
import dev.arena.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Finding players for operators: by id, by the start of a name in any case, where they are, admins only. */
@QuarkusTest
@TestProfile(AdminPlayersResourceTest.Profile.class)
@QuarkusTestResource(JwtKeysResource.class)
class AdminPlayersResourceTest {

    public static class Profile extends IsolatedShardProfile {}

    @Test
    void findsAPlayerByIdOrNamePrefixWithWhereTheyAre() {
        // Names are unique per run: the players table is shared by every run of the suite.
        String name = "Op" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        JsonPath guest = given().contentType(ContentType.JSON).body(Map.of("name", name)).when().post("/lobby/api/guest")
                .then().statusCode(200).extract().jsonPath();
        String id = guest.getString("player.id");
        String token = guest.getString("token");
        given().auth().oauth2(token).when().post("/lobby/api/queue").then().statusCode(202);

        given().auth().oauth2(TestTokens.admin()).queryParam("q", name.substring(0, 8).toUpperCase()).when().get("/admin/players")
                .then().statusCode(200)
                .body("players.id", contains(id))
                .body("players[0].name", equalTo(name))
                .body("players[0].status", equalTo("queued"));
        given().auth().oauth2(TestTokens.admin()).queryParam("q", id).when().get("/admin/players")
                .then().statusCode(200).body("players.name", contains(name));
        given().auth().oauth2(token).queryParam("q", id).when().get("/admin/players").then().statusCode(403);
    }

    @Test
    void likePatternsInTheQueryAreLiteral() {
        given().auth().oauth2(TestTokens.admin()).queryParam("q", "%").when().get("/admin/players")
                .then().statusCode(200).body("players", empty());
        given().auth().oauth2(TestTokens.admin()).queryParam("q", "_").when().get("/admin/players")
                .then().statusCode(200).body("players", empty());
    }

    @Test
    void aQueryIsNeeded() {
        given().auth().oauth2(TestTokens.admin()).when().get("/admin/players")
                .then().statusCode(400).body("code", equalTo("validation_failed"));
        given().auth().oauth2(TestTokens.admin()).queryParam("q", "x".repeat(65)).when().get("/admin/players")
                .then().statusCode(400).body("code", equalTo("validation_failed"));
    }
}
