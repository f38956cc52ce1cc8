package dev.arena.systemtests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the repository's own {@code ./stack} script, so tests and the stack cannot drift apart. */
final class StackScript {

    /** The repository root: this module's parent folder. */
    static final Path REPO = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .toAbsolutePath().normalize().getParent();

    private StackScript() {}

    /**
     * The environment of a stack of one test class's own, beside any other: its state in
     * {@code stateDir}, nginx on {@code nginxPort} and lobby, matchmaker and one game node on the
     * three ports above it, database and role {@code database}, Redis at {@code redisUrl}, the jars
     * as built. Countdown and match length are not among the variables ./stack sets: the services
     * inherit them from up's environment.
     */
    static Map<String, String> isolatedStack(Path stateDir, int nginxPort, String database, String redisUrl,
            Duration countdown, Duration matchLength) {
        return Map.ofEntries(
                Map.entry("ARENA_STACK_DIR", stateDir.toString()),
                Map.entry("ARENA_NGINX_PORT", Integer.toString(nginxPort)),
                Map.entry("ARENA_LOBBY_PORT", Integer.toString(nginxPort + 1)),
                Map.entry("ARENA_MATCHMAKER_PORT", Integer.toString(nginxPort + 2)),
                Map.entry("ARENA_GAME_PORT", Integer.toString(nginxPort + 3)),
                Map.entry("ARENA_GAME_NODES", "1"),
                Map.entry("ARENA_STACK_BUILD", "never"),
                Map.entry("ARENA_STACK_TIMEOUT", "120"),
                Map.entry("ARENA_DB_NAME", database),
                Map.entry("ARENA_DB_USER", database),
                Map.entry("ARENA_REDIS_URL", redisUrl),
                Map.entry("ARENA_MATCHMAKER_COUNTDOWN", countdown.toString()),
                Map.entry("ARENA_GAME_MATCH_LENGTH", matchLength.toString()));
    }

    /** Deletes {@code dir} and everything in it, if it is there (a stack's state from an earlier run). */
    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** What a command printed (stdout and stderr together) and how it exited. */
    record Result(int exitCode, String output, Duration took) {

        String lastLine() {
            String[] lines = output.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    /** Runs {@code ./stack args...} with extra environment variables, killing it after {@code timeout}. */
    static Result stack(Map<String, String> env, Duration timeout, String... args) {
        List<String> command = new ArrayList<>();
        command.add(REPO.resolve("stack").toString());
        command.addAll(List.of(args));
        return run(command, env, timeout);
    }

    /** Runs any command in the repository root; its output goes to a file, never to a pipe that could fill up. */
    static Result run(List<String> command, Map<String, String> env, Duration timeout) {
        try {
            Path output = Files.createTempFile("arena-command", ".out");
            try {
                ProcessBuilder builder = new ProcessBuilder(command)
                        .directory(REPO.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                builder.environment().putAll(env);
                long start = System.nanoTime();
                Process process = builder.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout
                            + "; it printed:\n" + Files.readString(output, StandardCharsets.UTF_8));
                }
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8), took);
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }

    /** The nginx binary, as the stack finds it: on the PATH or in /usr/sbin (not on every PATH). */
    static Optional<Path> nginx() {
        Stream<String> pathDirs = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator));
        return Stream.concat(pathDirs, Stream.of("/usr/sbin"))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "nginx"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Alive and not a zombie (a container's PID 1 may reap late; a zombie holds no port). */
    static boolean isAlive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String afterName = stat.substring(stat.lastIndexOf(')') + 2);
            return afterName.charAt(0) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
