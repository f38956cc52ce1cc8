package dev.arena.lobby.transport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arena.testsupport.JwtKeysResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests no REST resource ever sees (written byte by byte, as a client library would not) get
 * the same JSON errors as the resources' own: never Quarkus' page with an error id and a stack.
 */
@QuarkusTest
@QuarkusTestResource(JwtKeysResource.class)
class MalformedRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    @ParameterizedTest
    @ValueSource(strings = {"bad host", "a:b:c", "[::1", "x y:80"})
    void anInvalidHostIsAJson400(String host) throws IOException {
        String answer = raw("GET /lobby/api/leaderboard HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        JsonNode body = JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
        assertEquals("bad_request", body.get("code").asText());
        assertTrue(!body.has("stack") && !body.has("details"), answer);
    }

    @Test
    void aWrongMethodAndAnUnknownPathAreJson() {
        given().when().put("/lobby/api/leaderboard").then().statusCode(405)
                .contentType(ContentType.JSON).body("code", equalTo("method_not_allowed"));
        given().when().get("/lobby/api/no-such-thing").then().statusCode(404)
                .contentType(ContentType.JSON).body("code", equalTo("not_found"));
    }

    @Test
    void aBodyThatIsNotJsonIsCalledABody() {
        given().contentType(ContentType.JSON).body("not json").when().post("/lobby/api/guest").then().statusCode(400)
                .body("code", equalTo("malformed_json")).body("message", equalTo("request body is not valid JSON"));
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
