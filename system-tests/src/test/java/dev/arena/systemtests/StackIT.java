package dev.arena.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The foundation issue's "Done when", as a test: {@code ./stack up} brings the built services and
 * nginx up, a guest token comes through nginx, operator paths stay off the edge, a second
 * {@code up} changes nothing, three players play a whole (8 s) match through nginx
 * ({@link PlayerJourney}), and {@code ./stack down} leaves no process and no port behind.
 *
 * <p>It runs an isolated stack: its own state dir (system-tests/target/stack-it, kept for its
 * logs), its own ports, database, role and Redis database, so it never meets a developer's stack.
 * The jars come from the same reactor build ({@code ARENA_STACK_BUILD=never}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackIT {

    private static final int NGINX = 18080;
    /** The match length the stack's game node runs with (the journey waits for the end). */
    private static final Duration MATCH_LENGTH = Duration.ofSeconds(8);
    private static final Map<String, Integer> SERVICE_PORTS = Map.of("lobby", 18081, "matchmaker", 18082, "game-1", 18083);
    private static final Path STATE_DIR = StackScript.REPO.resolve("system-tests/target/stack-it");
    // The journey's match starts 1 s after the third player and ends on its own.
    private static final Map<String, String> ENV = StackScript.isolatedStack(STATE_DIR, NGINX, "arena_it",
            "redis://127.0.0.1:6379/2", Duration.ofSeconds(1), MATCH_LENGTH);
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Part name to pid, as the first {@code up} left them. */
    private static Map<String, Long> pidsAfterUp;

    @BeforeAll
    static void up() throws IOException {
        // An earlier run that was cut short may have left this stack running: its own down cleans it.
        StackScript.stack(ENV, COMMAND_TIMEOUT, "down");
        StackScript.deleteRecursively(STATE_DIR);
        assertPortsFree();

        StackScript.Result up = StackScript.stack(ENV, UP_TIMEOUT, "up");

        assertEquals(0, up.exitCode(), "./stack up failed:\n" + up.output());
        assertTrue(up.output().contains("http://127.0.0.1:" + NGINX + "/app/"), up.output());
        pidsAfterUp = pids();
        assertEquals(Set.of("lobby", "matchmaker", "game-1", "nginx"), pidsAfterUp.keySet());
    }

    @AfterAll
    static void down() {
        // Always, even when up or a test failed: no JVM or nginx may outlive the build.
        StackScript.stack(ENV, COMMAND_TIMEOUT, "down");
    }

    @Test
    @Order(1)
    void guestTokenComesThroughNginxAsInTheIssue() throws Exception {
        // curl -X POST localhost:8080/lobby/api/guest: no body, no content type
        HttpResponse<String> response = send(HttpRequest.newBuilder(edge("/lobby/api/guest"))
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertEquals(200, response.statusCode(), response.body());
        assertGuest(JSON.readTree(response.body()));
    }

    @Test
    @Order(2)
    void guestWithANameComesThroughNginx() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(edge("/lobby/api/guest"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Stack IT\"}")));

        assertEquals(200, response.statusCode(), response.body());
        JsonNode guest = JSON.readTree(response.body());
        assertGuest(guest);
        assertEquals("Stack IT", guest.path("player").path("name").asText());
    }

    @Test
    @Order(2)
    void aGuestTokenFromTheLobbyIsAcceptedByTheOtherServices() throws Exception {
        JsonNode guest = JSON.readTree(send(HttpRequest.newBuilder(edge("/lobby/api/guest"))
                .POST(HttpRequest.BodyPublishers.noBody())).body());
        String token = guest.path("token").asText();
        String playerId = guest.path("player").path("id").asText();

        HttpResponse<String> placement = send(HttpRequest.newBuilder(edge("/matchmaker/api/players/me"))
                .header("Authorization", "Bearer " + token).GET());
        HttpResponse<String> standing = send(HttpRequest.newBuilder(edge("/game/api/leaderboard/me"))
                .header("Authorization", "Bearer " + token).GET());
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(edge("/game/api/leaderboard/me")).GET());

        assertEquals(200, placement.statusCode(), placement.body());
        assertEquals(playerId, JSON.readTree(placement.body()).path("playerId").asText());
        assertEquals(200, standing.statusCode(), standing.body());
        assertEquals(playerId, JSON.readTree(standing.body()).path("playerId").asText());
        assertEquals(401, anonymous.statusCode(), anonymous.body());
    }

    @Test
    @Order(3)
    void everyServiceIsReady() throws Exception {
        for (Map.Entry<String, Integer> service : SERVICE_PORTS.entrySet()) {
            HttpResponse<String> ready = send(HttpRequest.newBuilder(local(service.getValue(), "/q/health/ready")).GET());

            assertEquals(200, ready.statusCode(), service.getKey() + ": " + ready.body());
            assertEquals("UP", JSON.readTree(ready.body()).path("status").asText(), service.getKey() + ": " + ready.body());
        }
    }

    @Test
    @Order(4)
    void rootRedirectsToTheClientPage() throws Exception {
        HttpResponse<String> root = send(HttpRequest.newBuilder(edge("/")).GET());
        HttpResponse<String> page = send(HttpRequest.newBuilder(edge("/app/")).GET());

        assertEquals(302, root.statusCode());
        assertEquals("/app/", root.headers().firstValue("Location").orElse(null));
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<title>Arena</title>"), page.body());
    }

    @Test
    @Order(5)
    void operatorPathsAreNotOnTheEdge() throws Exception {
        String adminToken = adminToken();
        for (String path : new String[] {"/admin/ping", "/q/health/ready", "/q/metrics"}) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(edge(path))
                    .header("Authorization", "Bearer " + adminToken).GET());

            assertEquals(404, response.statusCode(), path + " is reachable through nginx: " + response.body());
        }
    }

    @Test
    @Order(6)
    void adminTokenIsAcceptedByEveryService() throws Exception {
        String adminToken = adminToken();
        for (Map.Entry<String, Integer> service : SERVICE_PORTS.entrySet()) {
            HttpResponse<String> withToken = send(HttpRequest.newBuilder(local(service.getValue(), "/admin/ping"))
                    .header("Authorization", "Bearer " + adminToken).GET());
            HttpResponse<String> without = send(HttpRequest.newBuilder(local(service.getValue(), "/admin/ping")).GET());

            assertEquals(200, withToken.statusCode(), service.getKey() + ": " + withToken.body());
            assertEquals(401, without.statusCode(), service.getKey() + ": " + without.body());
        }
    }

    @Test
    @Order(7)
    void secondUpIsQuickAndChangesNothing() {
        StackScript.Result again = StackScript.stack(ENV, UP_TIMEOUT, "up");

        assertEquals(0, again.exitCode(), again.output());
        assertTrue(again.took().compareTo(Duration.ofSeconds(20)) < 0, "a second up took " + again.took());
        assertFalse(again.output().contains("starting"), "a second up started something:\n" + again.output());
        assertEquals(pidsAfterUp, pids());
    }

    @Test
    @Order(8)
    void statusShowsEveryPartUp() {
        StackScript.Result status = StackScript.stack(ENV, COMMAND_TIMEOUT, "status");

        assertEquals(0, status.exitCode(), status.output());
        Map<String, Integer> ports = new TreeMap<>(SERVICE_PORTS);
        ports.put("nginx", NGINX);
        for (Map.Entry<String, Integer> part : ports.entrySet()) {
            String row = String.format("%-12s %-8s %-6s %s", part.getKey(), pidsAfterUp.get(part.getKey()), part.getValue(), "UP");
            assertTrue(status.output().contains(row), "no row '" + row + "' in:\n" + status.output());
        }
        assertTrue(status.output().lines().anyMatch(line -> line.startsWith("redis ") && line.endsWith(" UP")), status.output());
        assertTrue(status.output().lines().anyMatch(line -> line.startsWith("postgresql ") && line.endsWith(" UP")), status.output());
    }

    @Test
    @Order(9)
    void threePlayersPlayAMatchThroughTheEdge() throws Exception {
        new PlayerJourney(NGINX, "game-1", MATCH_LENGTH, STATE_DIR.resolve("secrets/db-password"),
                "arena_it", "arena_it")
                .run();
    }

    @Test
    @Order(10)
    void downLeavesNoProcessAndNoPort() {
        StackScript.Result down = StackScript.stack(ENV, COMMAND_TIMEOUT, "down");

        assertEquals(0, down.exitCode(), down.output());
        pidsAfterUp.forEach((part, pid) -> assertFalse(StackScript.isAlive(pid), part + " (pid " + pid + ") still runs"));
        assertPortsFree();
        assertEquals(Map.of(), pids(), "pid files are left in " + STATE_DIR.resolve("run"));
        String status = StackScript.stack(ENV, COMMAND_TIMEOUT, "status").output();
        for (String part : new String[] {"lobby", "matchmaker", "game-1", "nginx"}) {
            assertTrue(status.lines().anyMatch(line -> line.startsWith(part + " ") && line.endsWith(" stopped")),
                    part + " is not shown as stopped:\n" + status);
        }
    }

    private static void assertGuest(JsonNode guest) {
        assertFalse(guest.path("token").asText().isBlank(), guest.toString());
        assertEquals(3, guest.path("token").asText().split("\\.").length, "not a JWT: " + guest);
        UUID.fromString(guest.path("player").path("id").asText());
    }

    private static String adminToken() {
        StackScript.Result token = StackScript.stack(ENV, COMMAND_TIMEOUT, "admin-token", "5");
        assertEquals(0, token.exitCode(), token.output());
        return token.lastLine();
    }

    private static void assertPortsFree() {
        Stream.concat(Stream.of(NGINX), SERVICE_PORTS.values().stream()).forEach(port ->
                assertFalse(StackScript.isListening(port), "port " + port + " is in use; StackIT needs 18080-18083 free"));
    }

    private static Map<String, Long> pids() {
        Path runDir = STATE_DIR.resolve("run");
        if (!Files.isDirectory(runDir)) {
            return Map.of();
        }
        try (Stream<Path> files = Files.list(runDir)) {
            Map<String, Long> pids = new TreeMap<>();
            files.filter(file -> file.getFileName().toString().endsWith(".pid")).forEach(file ->
                    pids.put(file.getFileName().toString().replace(".pid", ""), Long.parseLong(read(file).strip())));
            return pids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI edge(String path) {
        return local(NGINX, path);
    }

    private static URI local(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
