package dev.arena.game.node;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal Redis client (RESP over a socket) for preparing state before the service under test
 * starts, when no Quarkus client exists yet. Database 1, as the tests' Redis configuration.
 */
final class RedisScript implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    RedisScript() throws IOException {
        socket = new Socket("127.0.0.1", 6379);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream());
        run("SELECT", "1");
    }

    /** Runs one command; fails on an error reply. */
    void run(String... command) throws IOException {
        StringBuilder request = new StringBuilder("*").append(command.length).append("\r\n");
        for (String part : command) {
            request.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part).append("\r\n");
        }
        out.write(request.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        skipReply();
    }

    private void skipReply() throws IOException {
        char type = (char) in.read();
        String line = line();
        switch (type) {
            case '-' -> throw new IOException("redis: " + line);
            case '$' -> {
                int length = Integer.parseInt(line);
                if (length >= 0) {
                    in.readNBytes(length + 2);
                }
            }
            case '*' -> {
                for (int i = Integer.parseInt(line); i > 0; i--) {
                    skipReply();
                }
            }
            default -> { }
        }
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            line.append((char) c);
        }
        in.read();
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
