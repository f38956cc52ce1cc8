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
 * A Redis server of a test's own, on a free loopback port, for what must never be done to the
 * machine's shared one: stall it ({@code CLIENT PAUSE}), stop it, start it again on the same port.
 * Nothing is persisted. Needs {@code redis-server}, which {@code ./stack test} installs.
 */
public final class OwnRedis implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final int port;
    private Process process;

    private OwnRedis(int port) {
        this.port = port;
    }

    /** Starts a Redis on a free port and waits until it answers. */
    public static OwnRedis start() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        OwnRedis redis = new OwnRedis(port);
        redis.startAgain();
        return redis;
    }

    /** {@code redis://127.0.0.1:<port>}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts the server again on its port, empty, after {@link #stop()}. */
    public void startAgain() throws IOException {
        process = new ProcessBuilder(binary(), "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--protected-mode", "no")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Await.until(() -> {
            try {
                return "+PONG".equals(command("PING"));
            } catch (IOException notYet) {
                return false;
            }
        }, START_TIMEOUT, "the test's own Redis on port " + port);
    }

    /** Holds every client's commands for {@code duration}, as a stalled Redis would. */
    public void pause(Duration duration) throws IOException {
        command("CLIENT", "PAUSE", Long.toString(duration.toMillis()));
    }

    /** Stops the server at once (no save), as a crash would. */
    public void stop() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
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

    private static String binary() {
        for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return "redis-server";
    }
}
