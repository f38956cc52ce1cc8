package dev.arena.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Redis server of the tests' own, on a free loopback port, for what must never be done to the
 * machine's shared one: stall it ({@code CLIENT PAUSE}), stop it, start it again on the same port.
 * Nothing is persisted. Needs {@code redis-server}, which {@code ./stack test} installs.
 *
 * <p>One per JVM, found through system properties: a Quarkus test and the profile that configures
 * its service may run in different class loaders, each with its own static fields, and both must
 * mean the same server.
 */
public final class OwnRedis {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final String PORT = "arena.test.own-redis.port";
    private static final String PID = "arena.test.own-redis.pid";

    private final int port;

    private OwnRedis(int port) {
        this.port = port;
    }

    /** This JVM's own Redis, started on first use and stopped when the JVM exits. */
    public static OwnRedis shared() {
        synchronized (System.getProperties()) {
            String known = System.getProperty(PORT);
            if (known != null) {
                return new OwnRedis(Integer.parseInt(known));
            }
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException("no free port for the tests' own Redis", e);
            }
            OwnRedis redis = new OwnRedis(port);
            redis.startAgain();
            System.setProperty(PORT, Integer.toString(port));
            Runtime.getRuntime().addShutdownHook(new Thread(redis::stop));
            return redis;
        }
    }

    /** {@code redis://127.0.0.1:<port>}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts the server (again) on its port, empty, after {@link #stop()}. */
    public void startAgain() {
        try {
            Process process = new ProcessBuilder(binary(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--protected-mode", "no")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            System.setProperty(PID, Long.toString(process.pid()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server", e);
        }
        Await.until(() -> {
            try {
                return "+PONG".equals(command("PING"));
            } catch (IOException notYet) {
                return false;
            }
        }, START_TIMEOUT, "the tests' own Redis on port " + port);
    }

    /** Holds every client's commands for {@code duration}, as a stalled Redis would. */
    public void pause(Duration duration) throws IOException {
        command("CLIENT", "PAUSE", Long.toString(duration.toMillis()));
    }

    /** Stops the server at once (no save), as a crash would. */
    public void stop() {
        String pid = System.getProperty(PID);
        if (pid == null) {
            return;
        }
        ProcessHandle.of(Long.parseLong(pid)).ifPresent(process -> {
            process.destroyForcibly();
            process.onExit().orTimeout(10, TimeUnit.SECONDS).join();
        });
    }

    /** Sends one command and answers the first line of its reply. */
    public String command(String... args) throws IOException {
        StringBuilder resp = new StringBuilder("*").append(args.length).append("\r\n");
        for (String arg : args) {
            resp.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
        }
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(resp.toString().getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b >= 0 && b != '\r'; b = in.read()) {
                line.append((char) b);
            }
            return line.toString();
        }
    }

    /** The {@code redis-server} binary ({@code ./stack test} installs it), for a test that needs a server of other settings. */
    public static String binary() {
        for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return "redis-server";
    }
}
