package dev.arena.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The edge's routes, served by a real nginx running the config {@code ./stack} renders, in front
 * of fake services: what reaches which service, with which headers, and what never does.
 */
class NginxRoutingTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(WAIT).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path prefix;

    private static FakeUpstream lobby;
    private static FakeUpstream gameNode;
    private static int nginxPort;

    @BeforeAll
    static void startNginx() throws Exception {
        Path nginx = StackScript.nginx().orElse(null);
        assumeTrue(nginx != null, "nginx is not installed (./stack test installs it): skipping the routing tests");
        lobby = new FakeUpstream("lobby");
        gameNode = new FakeUpstream("game-1");
        nginxPort = freePort();
        Map<String, String> ports = Map.of(
                "ARENA_NGINX_PORT", Integer.toString(nginxPort),
                "ARENA_LOBBY_PORT", Integer.toString(lobby.port()),
                // nothing listens there: the matchmaker is "down"
                "ARENA_MATCHMAKER_PORT", Integer.toString(freePort()),
                "ARENA_GAME_PORT", Integer.toString(gameNode.port()),
                "ARENA_GAME_NODES", "1");
        StackScript.Result rendered = StackScript.stack(ports, WAIT, "render-nginx", prefix.toString());
        assertEquals(0, rendered.exitCode(), rendered.output());

        StackScript.Result started = StackScript.run(List.of(nginx.toString(), "-p", prefix + "/",
                "-c", rendered.lastLine(), "-e", prefix.resolve("logs/nginx-error.log").toString()), Map.of(), WAIT);

        assertEquals(0, started.exitCode(), "nginx did not start:\n" + started.output());
        awaitListening(nginxPort);
    }

    @AfterAll
    static void stopNginx() throws Exception {
        Path pidFile = prefix.resolve("run/nginx.pid");
        if (Files.exists(pidFile)) {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (StackScript.isAlive(pid) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
        for (FakeUpstream upstream : new FakeUpstream[] {lobby, gameNode}) {
            if (upstream != null) {
                upstream.close();
            }
        }
    }

    @BeforeEach
    void forgetEarlierRequests() throws InterruptedException {
        while (lobby.nextRequest(Duration.ZERO) != null || gameNode.nextRequest(Duration.ZERO) != null) {
            // drained
        }
    }

    @Test
    void rootRedirectsToTheClient() throws Exception {
        HttpResponse<String> response = get("/");

        assertEquals(302, response.statusCode());
        assertEquals("/app/", response.headers().firstValue("Location").orElse(null));
    }

    @Test
    void clientIsServedAsStaticFiles() throws Exception {
        HttpResponse<String> page = get("/app/");
        HttpResponse<String> script = get("/app/api.js");

        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("app.js"), page.body());
        assertEquals(200, script.statusCode());
        assertTrue(script.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        assertTrue(script.body().contains("/lobby/api/guest"));
        assertTrue(lobby.receivedNothing());
    }

    @Test
    void staticFilesAreGzippedAndEveryAnswerHasSecurityHeaders() throws Exception {
        HttpResponse<byte[]> zipped = HTTP.send(request("/app/app.js").header("Accept-Encoding", "gzip").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, zipped.statusCode());
        assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElse(null));

        for (String path : List.of("/app/", "/feedback/", "/lobby/api/guest", "/no-such-path")) {
            HttpResponse<String> response = get(path);
            String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("default-src 'self'") && csp.contains("connect-src 'self'")
                    && csp.contains("frame-ancestors 'none'"), path + ": " + csp);
            assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(null), path);
            assertEquals("DENY", response.headers().firstValue("X-Frame-Options").orElse(null), path);
            assertEquals("no-referrer", response.headers().firstValue("Referrer-Policy").orElse(null), path);
        }
        assertEquals("no-cache", get("/app/").headers().firstValue("Cache-Control").orElse(null));
    }

    @Test
    void aLargeBodyToTheLobbyApiIsAJson413() throws Exception {
        HttpResponse<String> response = HTTP.send(request("/lobby/api/feedback")
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(40_000))).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(413, response.statusCode());
        assertEquals("payload_too_large", JSON.readTree(response.body()).path("code").asText(), response.body());
        assertTrue(lobby.receivedNothing());
    }

    @Test
    void aFloodOfLobbyApiRequestsIsCutWithJson429s() throws Exception {
        int limited = 0;
        String body = null;
        for (int i = 0; i < 150; i++) {
            HttpResponse<String> response = get("/lobby/api/queue");
            if (response.statusCode() == 429) {
                limited++;
                body = response.body();
            }
        }
        // Let the bucket refill (burst 60 at 20 a second) so the other tests of this nginx are not limited.
        Thread.sleep(3_500);
        assertTrue(limited > 0, "no request was limited");
        assertEquals("rate_limited", JSON.readTree(body).path("code").asText(), body);
    }

    @Test
    void feedbackPageIsServed() throws Exception {
        assertEquals("/feedback/", get("/feedback").headers().firstValue("Location").orElse(null));
        HttpResponse<String> page = get("/feedback/");

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Feedback"), page.body());
    }

    @Test
    void lobbyRestGoesToTheLobbyWithForwardedHeaders() throws Exception {
        HttpResponse<String> response = HTTP.send(request("/lobby/api/guest?from=test")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals("lobby", JSON.readTree(response.body()).path("upstream").asText());
        FakeUpstream.Request received = lobby.nextRequest(WAIT);
        assertNotNull(received);
        assertEquals("POST /lobby/api/guest?from=test HTTP/1.1", received.line());
        assertEquals("127.0.0.1", received.header("X-Forwarded-For"));
        assertEquals("127.0.0.1", received.header("X-Real-IP"));
        assertEquals("http", received.header("X-Forwarded-Proto"));
        assertEquals("127.0.0.1", received.header("X-Forwarded-Host"));
        assertEquals(Integer.toString(nginxPort), received.header("X-Forwarded-Port"));
    }

    @Test
    void lobbySocketIsUpgradedAndTunnelled() throws Exception {
        upgradeAndEcho("/lobby", null);

        FakeUpstream.Request received = lobby.nextRequest(WAIT);
        assertNotNull(received);
        assertEquals("GET /lobby HTTP/1.1", received.line());
        assertEquals("websocket", received.header("Upgrade"));
        assertEquals("upgrade", received.header("Connection"));
    }

    @Test
    void gameSocketGoesToTheNodeInItsPath() throws Exception {
        upgradeAndEcho("/game/game-1/room-7", "arena");

        FakeUpstream.Request received = gameNode.nextRequest(WAIT);
        assertNotNull(received);
        assertEquals("GET /game/game-1/room-7 HTTP/1.1", received.line());
        assertEquals("websocket", received.header("Upgrade"));
        assertEquals("arena", received.header("Sec-WebSocket-Protocol"));
        assertTrue(lobby.receivedNothing());
    }

    @Test
    void gameRestGoesToAGameNode() throws Exception {
        HttpResponse<String> response = get("/game/api/leaderboard/me");

        assertEquals(200, response.statusCode());
        assertEquals("game-1", JSON.readTree(response.body()).path("upstream").asText());
    }

    @Test
    void unknownGameNodeIsAJson404() throws Exception {
        HttpResponse<String> response = get("/game/game-9/room-1");

        assertEquals(404, response.statusCode());
        JsonNode error = JSON.readTree(response.body());
        assertEquals("not_found", error.path("code").asText());
        assertEquals("unknown game node", error.path("message").asText());
        assertTrue(gameNode.receivedNothing());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/admin/ping", "/admin", "/q/health/ready", "/q/metrics", "/lobby/../admin/ping",
        "/lobby/%2e%2e/admin/ping", "/game/api/../../admin/ping", "/nothing-here"})
    void operatorAndUnknownPathsAreAJson404(String path) throws Exception {
        HttpResponse<String> response = get(path);

        assertEquals(404, response.statusCode(), path);
        assertEquals("not_found", JSON.readTree(response.body()).path("code").asText(), response.body());
        assertTrue(lobby.receivedNothing() && gameNode.receivedNothing(), path + " reached a service");
    }

    @Test
    void unreachableServiceIsAJson503() throws Exception {
        HttpResponse<String> response = get("/matchmaker/api/players/me");

        assertEquals(503, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(null));
        assertEquals("unavailable", JSON.readTree(response.body()).path("code").asText());
    }

    @Test
    void accessLogKeepsNoQueryStringAndNoToken() throws Exception {
        upgradeAndEcho("/game/game-1/room-8?token=query-secret", "arena, quarkus-http-upgrade#Authorization#Bearer header-secret");
        HTTP.send(request("/lobby/api/me").header("Authorization", "Bearer authorization-secret").build(),
                HttpResponse.BodyHandlers.ofString());

        // a socket's line is written when it closes
        String log = awaitLogLine(prefix.resolve("logs/nginx-access.log"), "/game/game-1/room-8");
        for (String secret : List.of("query-secret", "header-secret", "authorization-secret")) {
            assertFalse(log.contains(secret), "the access log holds " + secret + ":\n" + log);
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nginxPort + path)).timeout(WAIT);
    }

    /** A WebSocket handshake by hand (HttpClient may not send Upgrade), then one echoed message. */
    private static void upgradeAndEcho(String target, String subprotocols) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), nginxPort)) {
            socket.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + nginxPort + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + (subprotocols == null ? "" : "Sec-WebSocket-Protocol: " + subprotocols + "\r\n")
                    + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();

            assertEquals("HTTP/1.1 101 Switching Protocols", FakeUpstream.readHead(in).line());
            out.write("ping".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals("ping", new String(in.readNBytes(4), StandardCharsets.US_ASCII));
        }
    }

    private static String awaitLogLine(Path log, String expected) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String text = "";
        while (System.nanoTime() < deadline) {
            text = Files.exists(log) ? Files.readString(log) : "";
            if (text.contains(expected)) {
                return text;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no access log line with " + expected + " in:\n" + text);
    }

    private static void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!StackScript.isListening(port)) {
            assertTrue(System.nanoTime() < deadline, "nginx does not listen on " + port);
            Thread.sleep(50);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
