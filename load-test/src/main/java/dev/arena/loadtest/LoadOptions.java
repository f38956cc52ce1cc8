package dev.arena.loadtest;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/** The generator's options, parsed from {@code --name=value} arguments; only loopback targets are accepted. */
record LoadOptions(int players, double arrivalPerSecond, Duration duration, double inputHz, URI target,
        Duration maxRunTime, Path resultFile, Duration progressEvery) {

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

    LoadOptions {
        if (players < 1 || players > 100_000) {
            throw new IllegalArgumentException("players must be 1 to 100000");
        }
        if (!(arrivalPerSecond > 0) || !(inputHz > 0) || inputHz > 60) {
            throw new IllegalArgumentException("arrival rate must be > 0 and input rate in (0, 60]");
        }
        if (!"http".equals(target.getScheme()) || target.getHost() == null || !LOOPBACK.contains(target.getHost())) {
            // This generator floods what it targets: never anything but this machine.
            throw new IllegalArgumentException("target must be http on 127.0.0.1, localhost or ::1, not " + target);
        }
        if (maxRunTime.compareTo(duration) < 0) {
            throw new IllegalArgumentException("max run time must not be shorter than the duration");
        }
    }

    /** Whether bots may use loopback source addresses other than 127.0.0.1 (only for a 127.0.0.1 target: localhost may resolve to ::1). */
    boolean spreadSources() {
        return "127.0.0.1".equals(target.getHost());
    }

    /** The edge's port (80 when the URL names none). */
    int port() {
        return target.getPort() < 0 ? 80 : target.getPort();
    }

    /** Parses {@code --players=300 --rate=100 --duration=PT30S --input-hz=30 --target=http://127.0.0.1:8080 --max-run=PT2M --out=result.json}. */
    static LoadOptions parse(String... args) {
        int players = 100;
        double rate = 50;
        Duration duration = Duration.ofSeconds(30);
        double inputHz = 30;
        URI target = URI.create("http://127.0.0.1:8080");
        Duration maxRun = null;
        Path out = Path.of("load-result.json");
        Duration progress = Duration.ofSeconds(5);
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            String value = arg.substring(eq + 1);
            switch (arg.substring(2, eq)) {
                case "players" -> players = Integer.parseInt(value);
                case "rate" -> rate = Double.parseDouble(value);
                case "duration" -> duration = Duration.parse(value);
                case "input-hz" -> inputHz = Double.parseDouble(value);
                case "target" -> target = URI.create(value);
                case "max-run" -> maxRun = Duration.parse(value);
                case "out" -> out = Path.of(value);
                case "progress" -> progress = Duration.parse(value);
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        // Bots still in a match when the duration is over get time to finish it, but bounded.
        Duration bound = maxRun != null ? maxRun : duration.plus(Duration.ofSeconds(30));
        return new LoadOptions(players, rate, duration, inputHz, target, bound, out, progress);
    }
}
