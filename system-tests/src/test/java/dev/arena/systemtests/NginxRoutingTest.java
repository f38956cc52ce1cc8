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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The edge's routes, served by a real nginx running the config {@code ./stack} renders, in front
 * of fake services: what reaches which service, with which headers, and what never does.
 */
class NginxRoutingTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(WAIT).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** ARENA_NGINX_SOCKETS_PER_ADDRESS of this nginx: small, so a test reaches it quickly. */
    private static final int SOCKETS_PER_ADDRESS = 3;
    /**
     * Source addresses of their own (Linux routes all of 127/8 to lo), so each limit test starts
     * with a fresh per-address budget and leaves 127.0.0.1's to the other tests.
     */
    private static final AtomicInteger NEXT_SOURCE = new AtomicInteger(10);

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
                "ARENA_GAME_NODES", "1",
                "ARENA_NGINX_SOCKETS_PER_ADDRESS", Integer.toString(SOCKETS_PER_ADDRESS));
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
        HttpResponse<String> script = get("/sdk/api.js");
        HttpResponse<String> declarations = get("/sdk/arena-client.d.ts");

        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("app.js"), page.body());
        assertEquals(200, script.statusCode());
        assertTrue(script.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        assertTrue(script.body().contains("/lobby/api/guest"));
        assertEquals(200, declarations.statusCode());
        assertTrue(declarations.body().contains("export declare function startGame"), declarations.body());
        assertTrue(lobby.receivedNothing());
    }

    @Test
    void staticFilesAreGzippedAndEveryAnswerHasSecurityHeaders() throws Exception {
        HttpResponse<byte[]> zipped = HTTP.send(request("/app/app.js").header("Accept-Encoding", "gzip").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, zipped.statusCode());
        assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElse(null));

        for (String path : List.of("/app/", "/feedback/", "/console/", "/sdk/index.js", "/lobby/api/guest", "/no-such-path")) {
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
    void aMalformedQueryWithABodyAboveTheLimitIsAJson400() throws Exception {
        // The malformed query is refused first; its error page must not refuse the body's size
        // again, which nginx answers with its own HTML 413.
        String body = "{\"pad\":\"" + "y".repeat(20_000) + "\"}";
        Raw answer = raw(freshSource(), "PUT /admin/ping?limit=% HTTP/1.1\r\nHost: arena\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);

        assertEquals(400, answer.status(), answer.body());
        assertEquals("application/json", answer.header("Content-Type"));
        assertEquals("bad_request", answer.json().path("code").asText(), answer.body());
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
    void consolePageIsServed() throws Exception {
        assertEquals("/console/", get("/console").headers().firstValue("Location").orElse(null));
        HttpResponse<String> page = get("/console/");

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Arena operator console"), page.body());
    }

    @Test
    void consoleApiReachesTheServicesAdminPathsOnlyWithABearerToken() throws Exception {
        HttpResponse<String> anonymous = get("/console/api/lobby/queue");
        HttpResponse<String> notBearer = HTTP.send(request("/console/api/game/game-1/rooms").header("Authorization", "Basic b3A6cHc=")
                .build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(401, anonymous.statusCode());
        assertEquals("unauthorized", JSON.readTree(anonymous.body()).path("code").asText());
        assertEquals(401, notBearer.statusCode());
        assertTrue(lobby.receivedNothing() && gameNode.receivedNothing(), "a request without a token reached a service");

        HTTP.send(request("/console/api/lobby/players?q=Ann").header("Authorization", "Bearer a.b.c").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("GET /admin/players?q=Ann HTTP/1.1", lobby.nextRequest(WAIT).line());
        HTTP.send(request("/console/api/game/game-1/rooms/room-3/end").header("Authorization", "Bearer a.b.c")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        FakeUpstream.Request end = gameNode.nextRequest(WAIT);
        assertEquals("POST /admin/rooms/room-3/end HTTP/1.1", end.line());
        assertEquals("Bearer a.b.c", end.header("Authorization"));

        HttpResponse<String> unknownNode = HTTP.send(request("/console/api/game/game-9/rooms").header("Authorization", "Bearer a.b.c")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, unknownNode.statusCode());
        assertEquals("unknown game node", JSON.readTree(unknownNode.body()).path("message").asText());
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
        "/lobby/%2e%2e/admin/ping", "/game/api/../../admin/ping", "/nothing-here", "/lobby/api/..;/..;/admin/ping",
        "/lobby/q/metrics", "/game/game-1/..;/..;/admin/ping", "/_edge/bad_request"})
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

    /**
     * Paths a service's router (Vert.x/RESTEasy: matrix parameters stripped, %2F kept) may read
     * as one of its API routes while nginx reads them otherwise. None may reach a service without
     * the per-address limit: each is either nginx's JSON 404 at once, or passes the limited
     * location and is cut with a 429 within 150 tries from an address of its own.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/lobby/api;x/guest", "/lobby/api%3Bx/guest", "/lobby/api%3bx/guest", "/lobby;x/api/guest",
        "/lobby/api/guest;x", "/lobby/api/..;/api/guest", "/lobby/api%2Fguest", "/lobby%2Fapi/guest", "/lobby%2fapi%2fguest",
        "//lobby//api/guest", "/lobby//api/guest", "/lobby/./api/guest", "/lobby/x/../api/guest", "/lobby/api/../api/guest",
        "/lobby/api/x/..%2Fguest", "/lobby/%61pi/guest", "/lobby/guest", "/lobby/", "/lobby/api", "/matchmaker/api", "/game/api",
        "/matchmaker/api;x/players/me",
        "/matchmaker;x/api/players/me", "/matchmaker/players/me", "/game/api;x/leaderboard/me", "/game/api%3Bx/leaderboard/me",
        "/game/game-1/..;/api/leaderboard/me", "/game/game-1/../api/leaderboard/me", "/game/game-1;x/room-1",
        "/game/game-1/room-1;x", "/game/game-1/room-1/api/leaderboard/me"})
    void noPathVariantReachesAServiceUnlimited(String target) throws Exception {
        String source = freshSource();
        for (int attempt = 1; attempt <= 150; attempt++) {
            Raw answer = raw(source, "POST " + target + " HTTP/1.1\r\nHost: arena\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2\r\nConnection: close\r\n\r\n{}");
            if (answer.status() == 404) {
                assertEquals(1, attempt, target + ": reached a service before it was a 404");
                assertEquals("not_found", answer.json().path("code").asText(), target + ": " + answer.body());
                assertTrue(lobby.receivedNothing() && gameNode.receivedNothing(), target + " reached a service");
                return;
            }
            if (answer.status() == 429) {
                assertEquals("rate_limited", answer.json().path("code").asText(), target + ": " + answer.body());
                return;
            }
        }
        throw new AssertionError(target + " reached a service 150 times in a row without a per-address limit");
    }

    /** A service routes the path nginx matched, not the client's raw one (%2F, "..", "//" resolved by nginx). */
    @Test
    void servicesGetThePathNginxRouted() throws Exception {
        String source = freshSource();
        Raw api = raw(source, "GET /lobby/api/a%2Fb%2Fc%2Fd/../../../../admin/ping?from=raw HTTP/1.1\r\nHost: arena\r\n"
                + "Connection: close\r\n\r\n");
        assertEquals(200, api.status(), api.body());
        // The raw path is /admin/ping to a router that keeps %2F in a segment: it must not be sent as it came.
        assertEquals("GET /lobby/api/admin/ping?from=raw HTTP/1.1", lobby.nextRequest(WAIT).line());

        Raw socketPath = raw(source, "GET //game/game-1//room-9?token=t HTTP/1.1\r\nHost: arena\r\nConnection: close\r\n\r\n");
        assertEquals(200, socketPath.status(), socketPath.body());
        assertEquals("GET /game/game-1/room-9?token=t HTTP/1.1", gameNode.nextRequest(WAIT).line());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/matchmaker/api/players/me", "/game/api/leaderboard/me"})
    void everyPublicApiIsRateLimitedPerAddress(String path) throws Exception {
        String source = freshSource();
        int passed = 0;
        for (int attempt = 0; attempt < 150; attempt++) {
            Raw answer = raw(source, "GET " + path + " HTTP/1.1\r\nHost: arena\r\nConnection: close\r\n\r\n");
            if (answer.status() == 429) {
                assertEquals("rate_limited", answer.json().path("code").asText(), answer.body());
                assertEquals("1", answer.header("Retry-After"));
                assertTrue(passed >= 30, path + ": limited after " + passed + " requests, below the burst");
                return;
            }
            passed++;
        }
        throw new AssertionError(path + ": 150 requests in a row from one address, none limited");
    }

    /** Open sockets per client address: one more than ARENA_NGINX_SOCKETS_PER_ADDRESS is a JSON 429, a closed one frees a place. */
    @ParameterizedTest
    @ValueSource(strings = {"/lobby", "/game/game-1/room-5"})
    void socketsPerAddressAreLimited(String target) throws Exception {
        String source = freshSource();
        List<Upgrade> open = new ArrayList<>();
        try {
            for (int i = 0; i < SOCKETS_PER_ADDRESS; i++) {
                Upgrade upgrade = upgrade(source, target);
                open.add(upgrade);
                assertEquals(101, upgrade.status(), "socket " + (i + 1) + ": " + upgrade.body());
            }
            Upgrade refused = upgrade(source, target);
            open.add(refused);
            assertEquals(429, refused.status(), "socket " + (SOCKETS_PER_ADDRESS + 1) + " from one address");
            assertEquals("rate_limited", JSON.readTree(refused.body()).path("code").asText(), refused.body());
            assertEquals("application/json", refused.header("Content-Type"));
            assertEquals("1", refused.header("Retry-After"));
            // Another address is not affected.
            Upgrade other = upgrade(freshSource(), target);
            open.add(other);
            assertEquals(101, other.status(), other.body());

            open.remove(0).socket().close();
            long deadline = System.nanoTime() + WAIT.toNanos();
            Upgrade again;
            do {
                Thread.sleep(100);
                again = upgrade(source, target);
                open.add(again);
            } while (again.status() != 101 && System.nanoTime() < deadline);
            assertEquals(101, again.status(), "a closed socket must free its place: " + again.body());
        } finally {
            for (Upgrade upgrade : open) {
                upgrade.socket().close();
            }
        }
    }

    /** Requests to the socket paths (upgrades) have a rate per address too; here none stays open, so limit_conn never counts. */
    @ParameterizedTest
    @ValueSource(strings = {"/lobby", "/game/game-1/room-6"})
    void socketUpgradesAreRateLimitedPerAddress(String target) throws Exception {
        String source = freshSource();
        for (int attempt = 0; attempt < 60; attempt++) {
            Raw answer = raw(source, "GET " + target + " HTTP/1.1\r\nHost: arena\r\nConnection: close\r\n\r\n");
            if (answer.status() == 429) {
                assertEquals("rate_limited", answer.json().path("code").asText(), answer.body());
                assertTrue(attempt >= SOCKETS_PER_ADDRESS, "limited after " + attempt + ", below the burst");
                return;
            }
            assertEquals(200, answer.status(), answer.body());
        }
        throw new AssertionError(target + ": 60 quick requests from one address, none limited");
    }

    static Stream<Arguments> malformedRequests() {
        String long4k = "a".repeat(4200);
        String header3k = "b".repeat(3500);
        return Stream.of(
                Arguments.of("no Host in HTTP/1.1", "GET /app/ HTTP/1.1\r\nConnection: close\r\n\r\n", 400, "bad_request"),
                Arguments.of("two Host headers", "GET /app/ HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n", 400, "bad_request"),
                Arguments.of("malformed request line", "FOO BAR BAZ\r\n\r\n", 400, "bad_request"),
                Arguments.of("bad %-escape", "GET /%zz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", 400, "bad_request"),
                Arguments.of("NUL in the path", "GET /app/%00 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", 400, "bad_request"),
                Arguments.of("bad Content-Length", "POST /lobby/api/guest HTTP/1.1\r\nHost: a\r\nContent-Length: x\r\n"
                        + "Connection: close\r\n\r\n", 400, "bad_request"),
                Arguments.of("bad chunk", "POST /lobby/api/guest HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n"
                        + "Connection: close\r\n\r\nzz\r\n", 400, "bad_request"),
                Arguments.of("unknown Transfer-Encoding", "POST /lobby/api/guest HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n"
                        + "Connection: close\r\n\r\n", 501, "bad_request"),
                Arguments.of("HTTP/2.0 request line", "GET / HTTP/2.0\r\nHost: a\r\nConnection: close\r\n\r\n", 505, "bad_request"),
                Arguments.of("POST to a static file", "POST /app/index.html HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n"
                        + "Connection: close\r\n\r\n", 405, "method_not_allowed"),
                Arguments.of("TRACE", "TRACE / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", 405, "method_not_allowed"),
                Arguments.of("OPTIONS on an API", "OPTIONS /lobby/api/queue HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", 405,
                        "method_not_allowed"),
                Arguments.of("a % that starts no escape in the query", "GET /lobby/api/leaderboard?x=%ZZ HTTP/1.1\r\nHost: a\r\n"
                        + "Connection: close\r\n\r\n", 400, "bad_request"),
                Arguments.of("raw UTF-8 in the path", "GET /lobby/api/leaderboard\u00f0\u009f\u0098\u0080 HTTP/1.1\r\nHost: a\r\n"
                        + "Connection: close\r\n\r\n", 400, "bad_request"),
                Arguments.of("missing static file", "GET /app/missing.js HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", 404, "not_found"),
                Arguments.of("declared body too large", "POST /lobby/api/feedback HTTP/1.1\r\nHost: a\r\nContent-Length: 20000\r\n"
                        + "Connection: close\r\n\r\n", 413, "payload_too_large"),
                Arguments.of("chunked body too large", "POST /lobby/api/feedback HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n"
                        + "Connection: close\r\n\r\n5000\r\n" + "x".repeat(0x5000) + "\r\n0\r\n\r\n", 413, "payload_too_large"),
                Arguments.of("request line over 4 KB", "GET /app/" + long4k + " HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
                        414, "uri_too_long"),
                Arguments.of("header line over 4 KB", "GET /app/ HTTP/1.1\r\nHost: a\r\nX-Big: " + long4k + "\r\n"
                        + "Connection: close\r\n\r\n", 431, "headers_too_large"),
                Arguments.of("headers over 16 KB", "GET /app/ HTTP/1.1\r\nHost: a\r\nX-1: " + header3k + "\r\nX-2: " + header3k
                        + "\r\nX-3: " + header3k + "\r\nX-4: " + header3k + "\r\nX-5: " + header3k + "\r\nConnection: close\r\n\r\n",
                        431, "headers_too_large"),
                Arguments.of("service down", "GET /matchmaker/api/players/me HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
                        503, "unavailable"));
    }

    /** nginx's own error answers are JSON like the services' ({"code","message"}), with the security headers. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void nginxOwnErrorsAreJson(String name, String request, int status, String code) throws Exception {
        Raw answer = raw(freshSource(), request);

        assertEquals(status, answer.status(), name + ": " + answer.body());
        assertEquals("application/json", answer.header("Content-Type"), name);
        JsonNode error = answer.json();
        assertEquals(code, error.path("code").asText(), name + ": " + answer.body());
        assertFalse(error.path("message").asText().isBlank(), name + ": " + answer.body());
        assertEquals("nosniff", answer.header("X-Content-Type-Options"), name);
        assertTrue(answer.header("Content-Security-Policy") != null
                && answer.header("Content-Security-Policy").contains("default-src 'self'"), name);
        assertTrue(lobby.receivedNothing(), name + " reached the lobby");
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

    /** An answer read off a raw socket: status, headers (names in lower case) and body. */
    private record Raw(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    /** A socket upgrade by hand; the socket stays open (the caller closes it). */
    private record Upgrade(Socket socket, int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private static String freshSource() {
        int n = NEXT_SOURCE.getAndIncrement();
        return "127.0." + (n / 250) + "." + (2 + n % 250);
    }

    /**
     * Sends the request bytes as they are (HttpClient would normalise the path) from a loopback
     * source address, and reads one answer: the head, then Content-Length bytes (nginx may linger
     * before closing after an error, so the end of the stream is not waited for).
     */
    private static Raw raw(String source, String request) throws IOException {
        try (Socket socket = connect(source)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            FakeUpstream.Request head = FakeUpstream.readHead(in);
            return new Raw(status(head), head.headers(), body(in, head));
        }
    }

    private static Upgrade upgrade(String source, String target) throws IOException {
        Socket socket = connect(source);
        try {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + nginxPort + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            FakeUpstream.Request head = FakeUpstream.readHead(in);
            int status = status(head);
            return new Upgrade(socket, status, head.headers(), status == 101 ? "" : body(in, head));
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static Socket connect(String source) throws IOException {
        Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), nginxPort, InetAddress.getByName(source), 0);
        socket.setSoTimeout((int) WAIT.toMillis());
        return socket;
    }

    private static int status(FakeUpstream.Request head) {
        String[] parts = head.line().split(" ");
        assertTrue(parts.length >= 2 && parts[0].startsWith("HTTP/"), "not a status line: " + head.line());
        return Integer.parseInt(parts[1]);
    }

    private static String body(InputStream in, FakeUpstream.Request head) throws IOException {
        String length = head.header("Content-Length");
        byte[] body = length == null ? in.readAllBytes() : in.readNBytes(Integer.parseInt(length));
        return new String(body, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
