package dev.arena.systemtests.harness;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A small blocking RESP2 client for the system tests: commands, pipelines, SCAN and pub/sub on
 * one socket each, no dependency. Thread-safe (one command or pipeline at a time); a subscriber
 * gets a connection of its own ({@link #subscribe}).
 */
public final class RedisClient implements AutoCloseable {

    /** An error reply ({@code -ERR ...}). */
    public static final class RedisError extends RuntimeException {
        RedisError(String message) {
            super(message);
        }
    }

    private final String host;
    private final int port;
    private final int database;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** Connects to {@code redis://host:port/db} and selects the database. */
    public RedisClient(String url) {
        URI uri = URI.create(url);
        this.host = uri.getHost() == null ? "127.0.0.1" : uri.getHost();
        this.port = uri.getPort() < 0 ? 6379 : uri.getPort();
        String path = uri.getPath() == null ? "" : uri.getPath().replace("/", "");
        this.database = path.isEmpty() ? 0 : Integer.parseInt(path);
        try {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5000);
            in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to Redis at " + url, e);
        }
        if (database != 0) {
            call("SELECT", Integer.toString(database));
        }
    }

    /** Runs one command; returns a String, Long, List or null; throws {@link RedisError} for an error reply. */
    public synchronized Object call(String... args) {
        try {
            write(args);
            out.flush();
            return orThrow(read());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends the commands in one write and reads all replies; an error reply is returned as a {@link RedisError}, not thrown. */
    public synchronized List<Object> pipeline(List<String[]> commands) {
        try {
            for (String[] command : commands) {
                write(command);
            }
            out.flush();
            List<Object> replies = new ArrayList<>(commands.size());
            for (int i = 0; i < commands.size(); i++) {
                replies.add(read());
            }
            return replies;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String string(String... args) {
        return (String) call(args);
    }

    public long number(String... args) {
        Object reply = call(args);
        return reply instanceof Long value ? value : Long.parseLong((String) reply);
    }

    @SuppressWarnings("unchecked")
    public List<Object> list(String... args) {
        Object reply = call(args);
        return reply == null ? List.of() : (List<Object>) reply;
    }

    /** Every key matching {@code pattern} (SCAN, never KEYS). */
    public List<String> scan(String pattern) {
        List<String> keys = new ArrayList<>();
        String cursor = "0";
        do {
            List<Object> page = list("SCAN", cursor, "MATCH", pattern, "COUNT", "1000");
            cursor = (String) page.get(0);
            for (Object key : (List<?>) page.get(1)) {
                keys.add((String) key);
            }
        } while (!cursor.equals("0"));
        return keys;
    }

    /** Deletes every key matching {@code pattern} with SCAN and DEL (never FLUSHDB); returns how many. */
    public int deleteMatching(String pattern) {
        List<String> keys = scan(pattern);
        for (int from = 0; from < keys.size(); from += 500) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + 500));
            List<String> args = new ArrayList<>(chunk.size() + 1);
            args.add("DEL");
            args.addAll(chunk);
            call(args.toArray(String[]::new));
        }
        return keys.size();
    }

    /**
     * Subscribes to {@code channel} on a connection of its own; {@code onMessage} gets
     * ({@link System#nanoTime()} right after the message was read, payload) on the reader thread.
     * Returns once the subscription is confirmed; close the returned client to stop.
     */
    public RedisClient subscribe(String channel, BiConsumer<Long, String> onMessage) {
        RedisClient subscriber = new RedisClient("redis://" + host + ":" + port + "/" + database);
        try {
            subscriber.write(new String[] {"SUBSCRIBE", channel});
            subscriber.out.flush();
            subscriber.read(); // the subscribe confirmation
        } catch (IOException e) {
            subscriber.close();
            throw new UncheckedIOException(e);
        }
        Thread reader = new Thread(() -> {
            try {
                while (true) {
                    Object reply = subscriber.read();
                    long at = System.nanoTime();
                    if (reply instanceof List<?> parts && parts.size() == 3 && "message".equals(parts.get(0))) {
                        onMessage.accept(at, (String) parts.get(2));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // closed
            }
        }, "redis-subscriber-" + channel);
        reader.setDaemon(true);
        reader.start();
        return subscriber;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    private static Object orThrow(Object reply) {
        if (reply instanceof RedisError error) {
            throw new RedisError(error.getMessage());
        }
        return reply;
    }

    private void write(String[] args) throws IOException {
        out.write('*');
        out.write(Integer.toString(args.length).getBytes(StandardCharsets.US_ASCII));
        out.write('\r');
        out.write('\n');
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            out.write('$');
            out.write(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
            out.write('\r');
            out.write('\n');
            out.write(bytes);
            out.write('\r');
            out.write('\n');
        }
    }

    private Object read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("Redis closed the connection");
        }
        String line = readLine();
        switch (type) {
            case '+':
                return line;
            case '-':
                return new RedisError(line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                byte[] bytes = in.readNBytes(length);
                if (bytes.length < length) {
                    throw new EOFException("Redis closed the connection");
                }
                in.read();
                in.read(); // CRLF
                return new String(bytes, StandardCharsets.UTF_8);
            }
            case '*': {
                int count = Integer.parseInt(line);
                if (count < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    items.add(read());
                }
                return items;
            }
            default:
                throw new IOException("unexpected RESP type '" + (char) type + "'");
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new EOFException("Redis closed the connection");
            }
            line.append((char) c);
        }
        in.read(); // '\n'
        return line.toString();
    }
}
