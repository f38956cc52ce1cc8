package dev.arena.lobby;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.arena.testsupport.JwtKeysResource;
import dev.arena.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** Who may call what: player endpoints need a valid player token, admin ones the admin role. */
@QuarkusTest
@QuarkusTestResource(JwtKeysResource.class)
class AuthenticationTest {

    @Test
    void adminEndpointsRefuseMissingForgedExpiredAndUnsignedTokens() {
        given().when().get("/admin/ping").then().statusCode(401)
                .contentType(ContentType.JSON).body("code", equalTo("unauthorized"));
        for (String bad : new String[] {TestTokens.forgedAdmin(), TestTokens.expiredAdmin(), TestTokens.unsignedAdmin(), "not-a-jwt"}) {
            given().auth().oauth2(bad).when().get("/admin/ping").then().statusCode(401)
                    .contentType(ContentType.JSON).body("code", equalTo("unauthorized"));
        }
    }

    @Test
    void adminEndpointsNeedTheAdminRole() {
        given().auth().oauth2(TestTokens.player()).when().get("/admin/ping").then().statusCode(403)
                .contentType(ContentType.JSON).body("code", equalTo("forbidden"));
        given().auth().oauth2(TestTokens.admin()).when().get("/admin/ping").then().statusCode(200)
                .body("service", equalTo("lobby")).body("operator", equalTo("operator"));
    }

    @Test
    void playerEndpointsNeedAPlayerToken() {
        given().when().get("/lobby/api/me").then().statusCode(401).body("code", equalTo("unauthorized"));
        given().auth().oauth2(TestTokens.admin()).when().get("/lobby/api/me").then().statusCode(403);
    }
}
