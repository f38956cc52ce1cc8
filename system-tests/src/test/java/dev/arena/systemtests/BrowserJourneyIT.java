package dev.arena.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.arena.model.protocol.GameProtocol;
import dev.arena.model.protocol.SocketPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;

/**
 * The player's journey in real browsers: three headless Chromium sessions (Debian's chromium and
 * chromedriver, driven by Selenium) play one match through nginx against a stack of its own started
 * with {@code ./stack up}. They pick names, queue, land in the same room, see the countdown and the
 * game; one moves and the others see it move; one hits another and the score shows on all three; a
 * reload mid-match rejoins the same match; the end screen shows the scores PostgreSQL stored; the
 * feedback form stores a row. Then an operator uses the console on the same stack. Screenshots go to
 * target/screenshots/.
 *
 * <p>Positions and scores are read through {@code window.arena.state()}, the client's own view of
 * the game (what it draws), and aim and fire go through {@code window.arena.aimAt}/{@code fire},
 * which the mouse handlers call too; movement is real key presses.
 *
 * <p>Without chromium or chromedriver (and not root to install them: {@code ./stack test} does) the
 * test is skipped with a message, except under CI ({@code CI} set), where it fails.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserJourneyIT {

    private static final int NGINX = 17080;
    private static final Path STATE_DIR = StackScript.REPO.resolve("system-tests/target/browser-it");
    private static final Path SCREENSHOTS = StackScript.REPO.resolve("system-tests/target/screenshots");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String DB_NAME = "arena_browser";
    // A short countdown and a match long enough for moving, hitting, a reload and a takeover, short
    // enough for a build; two game nodes, so the match has somewhere to go when its node dies.
    private static final Map<String, String> ENV = twoGameNodes(StackScript.isolatedStack(STATE_DIR, NGINX, DB_NAME,
            "redis://127.0.0.1:6379/5", Duration.ofSeconds(2), Duration.ofSeconds(45)));
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final String[] NAMES = {"Ada", "Bob", "Cyd"};

    private static final List<WebDriver> browsers = new ArrayList<>();
    private static WebDriver operator;
    private static final List<Path> profiles = new ArrayList<>();

    @BeforeAll
    static void up() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && System.getenv("CI") != null) {
            throw new IllegalStateException("chromium and chromium-driver are missing; ./stack test installs them as root");
        }
        assumeTrue(present, "chromium or chromedriver is not installed (./stack test installs them as root: "
                + "apt-get install chromium chromium-driver): skipping the browser journey");
        StackScript.stack(ENV, COMMAND_TIMEOUT, "down");
        StackScript.deleteRecursively(STATE_DIR);
        StackScript.Result up = StackScript.stack(ENV, UP_TIMEOUT, "up");
        assertEquals(0, up.exitCode(), "./stack up failed:\n" + up.output());
        StackScript.deleteRecursively(SCREENSHOTS);
        Files.createDirectories(SCREENSHOTS);
        for (int i = 0; i < NAMES.length; i++) {
            browsers.add(chromium());
        }
    }

    @AfterAll
    static void down() throws IOException {
        if (operator != null) {
            browsers.add(operator);
        }
        for (WebDriver browser : browsers) {
            try {
                browser.quit();
            } catch (RuntimeException e) {
                // keep going: the stack must go down
            }
        }
        for (Path profile : profiles) {
            StackScript.deleteRecursively(profile);
        }
        if (Files.isExecutable(CHROMIUM)) {
            StackScript.stack(ENV, COMMAND_TIMEOUT, "down");
        }
    }

    @Test
    @Order(1)
    void threePlayersPlayAMatchInTheirBrowsers() throws Exception {
        // 1. Identities: each browser gets a guest and renames it through the form.
        String[] ids = new String[NAMES.length];
        for (int i = 0; i < NAMES.length; i++) {
            WebDriver b = browsers.get(i);
            b.get(edge("/app/"));
            await(b, "home view", () -> "home".equals(js(b, "return window.arena && window.arena.state().view")));
            WebElement name = b.findElement(By.id("name"));
            name.clear();
            name.sendKeys(NAMES[i]);
            b.findElement(By.id("save")).click();
            String expected = NAMES[i];
            await(b, "saved name", () -> expected.equals(js(b, "return window.arena.state().player.name")));
            ids[i] = (String) js(b, "return window.arena.state().player.id");
        }

        // 2. Play: all three queue, land in one room and see its countdown.
        for (WebDriver b : browsers) {
            b.findElement(By.id("play")).click();
        }
        for (WebDriver b : browsers) {
            await(b, "a room of three", () -> Long.valueOf(3).equals(js(b,
                    "const r = window.arena.state().room; return r ? r.members.length : 0")));
        }
        screenshot(browsers.get(0), "lobby");
        String roomId = (String) js(browsers.get(0), "return window.arena.state().room.roomId");
        for (WebDriver b : browsers) {
            await(b, "the game view", () -> Long.valueOf(3).equals(js(b,
                    "const g = window.arena.state().game; return g && g.players.length")));
            assertEquals(roomId, js(b, "return window.arena.state().game.roomId"));
            // The client speaks protocol version 2 (binary snapshots and inputs) through the edge.
            assertEquals(GameProtocol.V2.subprotocol(), js(b, "return window.arena.state().game.protocol"));
            @SuppressWarnings("unchecked")
            List<String> states = (List<String>) js(b, "return window.arena.state().roomStates");
            assertTrue(states.contains("countdown"), "no countdown seen: " + states);
        }

        // 3. One moves (real key presses) and the other two see it move.
        WebDriver mover = browsers.get(0);
        double before = x(browsers.get(1), ids[0]);
        Keys key = before > 800 ? Keys.ARROW_LEFT : Keys.ARROW_RIGHT;
        for (WebDriver watcher : browsers.subList(1, 3)) {
            await(watcher, "the mover moved (mover: " + js(mover, "return JSON.stringify(window.arena.state().input)") + ")", () -> {
                if (Math.abs(x(watcher, ids[0]) - before) > 100) {
                    return true;
                }
                new Actions(mover).keyDown(key).pause(Duration.ofMillis(400)).keyUp(key).perform();
                return false;
            });
        }

        // 4. One hits another: walk towards the target (keys) until in range, aim at it and fire
        //    until the shooter scores; the score shows in every HUD.
        WebDriver shooter = browsers.get(1);
        await(shooter, "a hit", () -> {
            Map<?, ?> me = player(shooter, ids[1]);
            Map<?, ?> target = player(shooter, ids[2]);
            double dx = ((Number) target.get("x")).doubleValue() - ((Number) me.get("x")).doubleValue();
            double dy = ((Number) target.get("y")).doubleValue() - ((Number) me.get("y")).doubleValue();
            if (Math.hypot(dx, dy) > 400) {
                Keys horizontal = dx > 0 ? Keys.ARROW_RIGHT : Keys.ARROW_LEFT;
                Keys vertical = dy > 0 ? Keys.ARROW_DOWN : Keys.ARROW_UP;
                new Actions(shooter).keyDown(horizontal).keyDown(vertical).pause(Duration.ofMillis(300))
                        .keyUp(horizontal).keyUp(vertical).perform();
            }
            js(shooter, "window.arena.aimAt(arguments[0], arguments[1]); window.arena.fire(true);",
                    target.get("x"), target.get("y"));
            return score(shooter, ids[1]) >= 1;
        }, Duration.ofSeconds(15));
        js(shooter, "window.arena.fire(false)");
        for (WebDriver b : browsers) {
            await(b, "the shooter's score in the HUD", () -> hudScore(b, ids[1]) >= 1);
        }
        screenshot(shooter, "game");
        Path docs = StackScript.REPO.resolve("docs/screenshots");
        Files.createDirectories(docs);
        Files.write(docs.resolve("game.png"), Files.readAllBytes(SCREENSHOTS.resolve("game.png")));

        // 5. A reload mid-match is the same player back in the same match.
        WebDriver reloaded = browsers.get(2);
        reloaded.navigate().refresh();
        await(reloaded, "back in the match", () -> Boolean.TRUE.equals(js(reloaded,
                "const s = window.arena && window.arena.state(); return !!(s && s.view === 'game' && s.game && s.game.players.length === 3)")));
        assertEquals(ids[2], js(reloaded, "return window.arena.state().player.id"));
        assertEquals(roomId, js(reloaded, "return window.arena.state().game.roomId"));

        // 6. The match's game node dies (SIGKILL): every browser is back in the same match on the
        //    other node by itself, no click, with the score as it was.
        String url = (String) js(browsers.get(0), "return window.arena.state().game.url");
        String node = SocketPaths.gameNodeOf(url);
        long pid = Long.parseLong(Files.readString(STATE_DIR.resolve("run/" + node + ".pid")).strip());
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false), "could not kill " + node);
        for (WebDriver b : browsers) {
            await(b, "the match on another node", () -> Boolean.TRUE.equals(js(b, """
                    const g = window.arena.state().game;
                    return !!(g && g.connected && g.roomId === arguments[0] && !g.url.startsWith(arguments[1])
                        && g.players.length === 3)""", roomId, "/game/" + node + "/")), Duration.ofSeconds(20));
            assertTrue(score(b, ids[1]) >= 1, "the shooter's score after the takeover");
        }
        screenshot(browsers.get(0), "after-takeover");

        // 7. The match ends; every end screen shows the scores PostgreSQL stored.
        Map<String, Integer> shown = null;
        for (WebDriver b : browsers) {
            await(b, "the end screen", () -> "end".equals(js(b, "return window.arena.state().view")), Duration.ofSeconds(60));
            Map<String, Integer> results = results(b);
            if (shown == null) {
                shown = results;
                screenshot(b, "end");
            }
            assertEquals(shown, results, "end screens differ");
        }
        assertEquals(new TreeMap<>(Map.of(ids[0], shown.get(ids[0]), ids[1], shown.get(ids[1]), ids[2], shown.get(ids[2]))), shown);
        assertTrue(shown.get(ids[1]) >= 1, "the hit is not on the end screen: " + shown);
        assertEquals(shown, storedScores(roomId));

        // 8. The leaderboard view lists the shooter (names from PostgreSQL, scores from Redis).
        shooter.findElement(By.id("end-board")).click();
        await(shooter, "the leaderboard", () -> "board".equals(js(shooter, "return window.arena.state().view"))
                && shooter.findElement(By.id("board-rows")).getText().contains(NAMES[1]));

        // 9. The feedback form checks what is missing, then stores a row tied to the player.
        WebDriver b = browsers.get(0);
        b.get(edge("/feedback/"));
        b.findElement(By.id("send")).click();
        assertTrue(b.findElement(By.id("rating-error")).isDisplayed(), "no message for a missing rating");
        assertTrue(b.findElement(By.id("message-error")).isDisplayed(), "no message for a missing text");
        b.findElement(By.cssSelector("input[name=rating][value='4']")).click();
        String message = "browser journey " + UUID.randomUUID();
        b.findElement(By.id("message")).sendKeys(message);
        b.findElement(By.id("send")).click();
        await(b, "the thank-you", () -> b.findElement(By.id("thanks")).isDisplayed());
        try (Connection db = db(); PreparedStatement q = db.prepareStatement(
                "SELECT rating, player_id FROM feedback WHERE message = ?")) {
            q.setString(1, message);
            try (ResultSet row = q.executeQuery()) {
                assertTrue(row.next(), "no feedback row");
                assertEquals(4, row.getInt("rating"));
                assertEquals(ids[0], row.getObject("player_id", UUID.class).toString());
            }
        }
    }

    /**
     * The operator console in a fourth browser, on the stack the journey leaves: a wrong password is
     * refused and the operator's signs in; the three players' next match shows as running on its
     * node, with their names; a player is found by id, in the game; the operator ends the match
     * (every player sees the end screen), removes a player waiting in a room (back home) and drains
     * the node.
     */
    @Test
    @Order(2)
    void anOperatorWatchesAndActsInTheConsole() throws Exception {
        operator = chromium();
        operator.get(edge("/console/"));
        await(operator, "the sign-in form", () -> operator.findElement(By.id("signin")).isDisplayed());
        operator.findElement(By.id("password")).sendKeys("not-the-password");
        operator.findElement(By.id("signin-button")).click();
        await(operator, "a wrong password refused", () -> operator.findElement(By.id("signin-error")).getText().contains("Wrong password"));
        operator.findElement(By.id("password")).clear();
        operator.findElement(By.id("password")).sendKeys(Files.readString(STATE_DIR.resolve("secrets/console-password")).strip());
        operator.findElement(By.id("signin-button")).click();
        await(operator, "the console", () -> operator.findElement(By.id("console")).isDisplayed());
        await(operator, "a live game node", () -> !operator.findElements(By.cssSelector("#nodes tr[data-node]")).isEmpty());

        // The three players play again: the console shows their room running on its node, with them.
        for (WebDriver b : browsers) {
            b.get(edge("/app/"));
            await(b, "home view", () -> "home".equals(js(b, "return window.arena && window.arena.state().view")));
            b.findElement(By.id("play")).click();
        }
        for (WebDriver b : browsers) {
            await(b, "the next match", () -> Long.valueOf(3).equals(js(b,
                    "const g = window.arena.state().game; return g && g.connected && g.players.length")), Duration.ofSeconds(30));
        }
        String roomId = (String) js(browsers.get(0), "return window.arena.state().game.roomId");
        String node = SocketPaths.gameNodeOf((String) js(browsers.get(0), "return window.arena.state().game.url"));
        String room = "#rooms tr[data-room='" + roomId + "']";
        await(operator, "the running room on " + node, () -> Boolean.TRUE.equals(js(operator,
                "const r = document.querySelector(arguments[0]); return !!r && r.dataset.state === 'running'"
                        + " && r.textContent.includes(arguments[1])", room, node)));
        js(operator, "document.querySelector(arguments[0] + ' a.room').click()", room);
        await(operator, "the room's members by name", () -> {
            String details = operator.findElement(By.id("room-details")).getText();
            return details.contains(NAMES[0]) && details.contains(NAMES[1]) && details.contains(NAMES[2]);
        });

        // A player found by id: in the game, in that room, on that node.
        String adaId = (String) js(browsers.get(0), "return window.arena.state().player.id");
        String ada = "#players tr[data-player='" + adaId + "']";
        find(adaId);
        await(operator, "Ada in the game", () -> Boolean.TRUE.equals(js(operator,
                "const r = document.querySelector(arguments[0]); return !!r && r.dataset.status === 'in_game'"
                        + " && r.textContent.includes(arguments[1]) && r.textContent.includes(arguments[2])", ada, roomId, node)));
        screenshot(operator, "console");

        // The operator ends the match (the second click confirms): every player sees the end screen.
        js(operator, "const b = document.querySelector(arguments[0] + ' button'); b.click(); b.click();", room);
        for (WebDriver b : browsers) {
            await(b, "the end screen after the operator's end", () -> "end".equals(js(b, "return window.arena.state().view")));
        }

        // Ada plays again and waits alone in a room; the operator removes her and her page goes home.
        WebDriver adaBrowser = browsers.get(0);
        adaBrowser.findElement(By.id("again")).click();
        await(adaBrowser, "Ada waiting in a room", () -> Boolean.TRUE.equals(js(adaBrowser,
                "const s = window.arena.state(); return s.view === 'lobby' && !!s.room")));
        Thread.sleep(3_000); // the client keeps the lobby view for a moment after queueing whatever the status says
        find(adaId);
        await(operator, "Ada in a room", () -> Boolean.TRUE.equals(js(operator,
                "const r = document.querySelector(arguments[0]); return !!r && r.dataset.status === 'in_room'", ada)));
        js(operator, "const b = document.querySelector(arguments[0] + ' button'); b.click(); b.click();", ada);
        await(adaBrowser, "Ada back home", () -> "home".equals(js(adaBrowser, "return window.arena.state().view")));
        find(adaId);
        await(operator, "Ada idle", () -> Boolean.TRUE.equals(js(operator,
                "const r = document.querySelector(arguments[0]); return !!r && r.dataset.status === 'idle'", ada)));

        // The operator drains the node: it leaves the list of live nodes (or shows as drained).
        String nodeRow = "#nodes tr[data-node='" + node + "']";
        js(operator, "const b = document.querySelector(arguments[0] + ' button'); b.click(); b.click();", nodeRow);
        await(operator, node + " drained", () -> Boolean.TRUE.equals(js(operator,
                "const r = document.querySelector(arguments[0]); return !r || r.textContent.includes('drained')", nodeRow)));
        assertTrue(operator.findElement(By.id("problem")).getText().isEmpty() || !operator.findElement(By.id("problem")).isDisplayed(),
                "the console reported: " + operator.findElement(By.id("problem")).getText());
    }

    // ------------------------------------------------------------------------------------------

    /** Looks a player up in the console by id or name. */
    private static void find(String query) {
        WebElement field = operator.findElement(By.id("find"));
        field.clear();
        field.sendKeys(query);
        operator.findElement(By.id("find-button")).click();
    }

    private static Map<String, String> twoGameNodes(Map<String, String> env) {
        Map<String, String> out = new HashMap<>(env);
        out.put("ARENA_GAME_NODES", "2");
        return Map.copyOf(out);
    }

    private static WebDriver chromium() throws IOException {
        Path profile = Files.createTempDirectory("arena-chromium-");
        profiles.add(profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,800", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static String edge(String path) {
        return "http://127.0.0.1:" + NGINX + path;
    }

    private static Object js(WebDriver browser, String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private static Map<?, ?> player(WebDriver browser, String id) {
        Object found = js(browser, "const g = window.arena.state().game; return g && g.players.find(p => p.id === arguments[0])", id);
        assertNotNull(found, "player " + id + " not in the view");
        return (Map<?, ?>) found;
    }

    private static double x(WebDriver browser, String id) {
        return ((Number) player(browser, id).get("x")).doubleValue();
    }

    private static long score(WebDriver browser, String id) {
        return ((Number) player(browser, id).get("score")).longValue();
    }

    /** The score as the HUD shows it (the text, not the state). */
    private static int hudScore(WebDriver browser, String id) {
        // Read in one script: the HUD is redrawn every frame, so an element handle would go stale.
        Object text = js(browser, "const b = document.querySelector(`#hud-scores li[data-id='${arguments[0]}'] b`);"
                + " return b ? b.textContent : null", id);
        return text == null ? -1 : Integer.parseInt(text.toString().strip());
    }

    private static Map<String, Integer> results(WebDriver browser) {
        Map<String, Integer> out = new TreeMap<>();
        for (WebElement row : browser.findElements(By.cssSelector("#results li"))) {
            out.put(row.getAttribute("data-id"), Integer.parseInt(row.findElement(By.tagName("b")).getText().strip()));
        }
        return out;
    }

    private static Map<String, Integer> storedScores(String roomId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try (Connection db = db()) {
            while (true) {
                Map<String, Integer> stored = new TreeMap<>();
                try (PreparedStatement q = db.prepareStatement("""
                        SELECT mp.player_id, mp.score FROM match_players mp JOIN matches m ON m.id = mp.match_id
                        WHERE m.room_id = ? AND m.ended_at IS NOT NULL""")) {
                    q.setString(1, roomId);
                    try (ResultSet r = q.executeQuery()) {
                        while (r.next()) {
                            stored.put(r.getObject("player_id", UUID.class).toString(), r.getInt("score"));
                        }
                    }
                }
                if (!stored.isEmpty() || System.nanoTime() > deadline) {
                    return stored;
                }
                Thread.sleep(200);
            }
        }
    }

    private static Connection db() throws Exception {
        String password = Files.readString(STATE_DIR.resolve("secrets/db-password")).strip();
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + DB_NAME, DB_NAME, password);
    }

    private static void screenshot(WebDriver browser, String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static void await(WebDriver browser, String what, Supplier<Boolean> condition) throws Exception {
        await(browser, what, condition, Duration.ofSeconds(20));
    }

    /** Polls every 100 ms; on timeout fails with what the client showed (and saves a screenshot). */
    private static void await(WebDriver browser, String what, Supplier<Boolean> condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(condition.get())) {
                    return;
                }
                last = null;
            } catch (RuntimeException | AssertionError e) {
                last = e instanceof RuntimeException r ? r : new RuntimeException(e);
            }
            Thread.sleep(100);
        }
        String file = "failed-" + what.replaceAll("[^A-Za-z0-9]+", "-");
        screenshot(browser, file.length() > 60 ? file.substring(0, 60) : file);
        Object state;
        try {
            state = js(browser, "return JSON.stringify(window.arena && window.arena.state())");
        } catch (RuntimeException e) {
            state = e.getMessage();
        }
        assertFalse(true, "timed out waiting for " + what + (last == null ? "" : " (" + last + ")") + "; client state: " + state);
    }

}
