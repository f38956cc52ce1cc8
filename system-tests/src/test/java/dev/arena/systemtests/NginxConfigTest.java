package dev.arena.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The nginx config exactly as {@code ./stack up} renders it: valid, and closed to operator paths. */
class NginxConfigTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern LOCATION = Pattern.compile("^\\s*location\\s+([^{]*)\\{", Pattern.MULTILINE);

    @TempDir
    Path prefix;

    @Test
    void renderedConfigPassesNginxTest() {
        Path nginx = StackScript.nginx().orElse(null);
        assumeTrue(nginx != null, "nginx is not installed (./stack test installs it): skipping nginx -t");
        Path conf = render(Map.of());

        StackScript.Result check = StackScript.run(List.of(nginx.toString(), "-t",
                "-p", prefix + "/", "-c", conf.toString(), "-e", prefix.resolve("logs/nginx-error.log").toString()),
                Map.of(), TIMEOUT);

        assertEquals(0, check.exitCode(), "nginx -t rejected the rendered config:\n" + check.output());
    }

    @Test
    void noLocationReachesAdminOrQuarkusEndpoints() {
        render(Map.of());

        List<String> locations = locations();

        assertTrue(locations.stream().anyMatch(location -> location.contains("/lobby")), "locations: " + locations);
        for (String location : locations) {
            assertTrue(!location.contains("/admin") && !location.contains("/q/") && !location.contains("/q "),
                    "the edge must not expose operator paths, but has: location " + location);
        }
    }

    @Test
    void everyGameNodeGetsItsRoute() {
        render(Map.of("ARENA_GAME_NODES", "3", "ARENA_GAME_PORT", "9100"));

        String upstreams = read(prefix.resolve("nginx/conf/arena-upstreams.conf"));

        for (String route : List.of("game-1 127.0.0.1:9100;", "game-2 127.0.0.1:9101;", "game-3 127.0.0.1:9102;")) {
            assertTrue(upstreams.contains(route), "missing '" + route + "' in:\n" + upstreams);
        }
    }

    /**
     * Every location that passes requests to a service limits them per client address, and none is
     * an open prefix such as "location /lobby/": a path under it that nginx reads otherwise than the
     * service (matrix parameters, encoded slashes) would reach the service without a limit.
     */
    @Test
    void everyProxiedLocationIsLimitedPerAddress() {
        render(Map.of());
        String server = withoutComments(read(prefix.resolve("nginx/conf/arena-server.conf")));

        List<String[]> proxied = new ArrayList<>();
        for (String[] location : locationBlocks(server)) {
            if (location[1].contains("proxy_pass")) {
                proxied.add(location);
            }
        }
        assertEquals(8, proxied.size(), "proxied locations: " + proxied.stream().map(l -> l[0]).toList());
        for (String[] location : proxied) {
            String match = location[0];
            assertTrue(match.startsWith("= ") || match.startsWith("^~ ") || match.startsWith("~ ^"),
                    "location " + match + ": a proxied location must be exact, ^~ or an anchored regex, not an open prefix");
            assertTrue(location[1].contains("limit_req zone="), "location " + match + " has no per-address request limit");
        }
        for (String socket : List.of("= /lobby", "~ ^/game/")) {
            String[] location = proxied.stream().filter(l -> l[0].startsWith(socket)).findFirst()
                    .orElseThrow(() -> new AssertionError("no socket location " + socket));
            assertTrue(location[1].contains("limit_conn "), "socket location " + location[0] + " has no limit of open sockets");
        }
    }

    @Test
    void socketLimitComesFromTheEnvironmentWithAProductionDefault() {
        render(Map.of());
        String byDefault = read(prefix.resolve("nginx/conf/arena-server.conf"));
        assertTrue(byDefault.contains("limit_conn arena_lobby_sockets 32;"), byDefault);
        assertTrue(byDefault.contains("limit_conn arena_game_sockets 32;"), byDefault);

        render(Map.of("ARENA_NGINX_SOCKETS_PER_ADDRESS", "65535"));
        String raised = read(prefix.resolve("nginx/conf/arena-server.conf"));
        assertTrue(raised.contains("limit_conn arena_lobby_sockets 65535;"), raised);
        assertTrue(raised.contains("limit_conn arena_game_sockets 65535;"), raised);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "twenty", "-1"})
    void socketLimitOutOfRangeIsRefused(String value) {
        StackScript.Result rendered = StackScript.stack(Map.of("ARENA_NGINX_SOCKETS_PER_ADDRESS", value), TIMEOUT,
                "render-nginx", prefix.toString());

        assertNotEquals(0, rendered.exitCode(), value + " was accepted:\n" + rendered.output());
        assertTrue(rendered.output().contains("ARENA_NGINX_SOCKETS_PER_ADDRESS"), rendered.output());
    }

    /** The benchmarks open thousands of sockets from 127.0.0.1 through nginx: their stack lifts the limit. */
    @Test
    void benchmarkStackLiftsTheSocketLimit() {
        String stack = read(StackScript.REPO.resolve("stack"));
        Matcher function = Pattern.compile("(?ms)^bench_stack_env\\(\\) \\{\\n(.*?)^}").matcher(stack);
        assertTrue(function.find(), "no bench_stack_env in ./stack");

        assertTrue(function.group(1).contains("\"ARENA_NGINX_SOCKETS_PER_ADDRESS=65535\""), function.group(1));
    }

    private Path render(Map<String, String> env) {
        StackScript.Result rendered = StackScript.stack(env, TIMEOUT, "render-nginx", prefix.toString());
        assertEquals(0, rendered.exitCode(), "./stack render-nginx failed:\n" + rendered.output());
        return Path.of(rendered.lastLine());
    }

    private List<String> locations() {
        try (Stream<Path> files = Files.list(prefix.resolve("nginx/conf"))) {
            return files.filter(file -> file.toString().endsWith(".conf"))
                    .map(NginxConfigTest::read)
                    .flatMap(text -> {
                        Matcher matcher = LOCATION.matcher(text);
                        return matcher.results().map(result -> result.group(1).strip());
                    })
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String withoutComments(String conf) {
        return conf.replaceAll("(?m)#.*$", "");
    }

    /** Top-level location blocks of a server block: {match, body}, braces of nested blocks included. */
    private static List<String[]> locationBlocks(String conf) {
        List<String[]> blocks = new ArrayList<>();
        Matcher start = LOCATION.matcher(conf);
        int from = 0;
        while (start.find(from)) {
            int depth = 1;
            int i = start.end();
            while (depth > 0 && i < conf.length()) {
                char c = conf.charAt(i++);
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            }
            blocks.add(new String[] {start.group(1).strip(), conf.substring(start.end(), i - 1)});
            from = i;
        }
        return blocks;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
