package dev.arena.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
