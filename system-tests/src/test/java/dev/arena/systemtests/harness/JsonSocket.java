package dev.arena.systemtests.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arena.model.protocol.SocketAuth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A socket as the browser client opens it (the token travels in the subprotocol carrier of
 * {@link SocketAuth}), for the lobby and game sockets: collects the frames as JSON trees, each
 * stamped with {@link System#nanoTime()} on arrival, and the close code. An optional listener sees
 * every frame on the receiving thread (e.g. to track the latest snapshot). The small equivalent of
 * test-support's SocketTestClient, without its Quarkus dependencies.
 */
public final class JsonSocket implements WebSocket.Listener, AutoCloseable {

    /** A received frame and when it arrived. */
    public record Frame(long atNanos, JsonNode json) {
        public String type() {
            return json.path("t").asText();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile Consumer<Frame> listener = frame -> {};
    private WebSocket socket;

    private JsonSocket(String name) {
        this.name = name;
    }

    /** Opens {@code uri} with the token carrier; throws with the handshake status when the upgrade is refused. */
    public static JsonSocket open(String name, URI uri, String token, Duration timeout) throws Exception {
        return open(name, uri, token, timeout, frame -> {});
    }

    /** Like {@link #open(String, URI, String, Duration)}, with {@code listener} seeing every frame from the first one. */
    public static JsonSocket open(String name, URI uri, String token, Duration timeout, Consumer<Frame> listener) throws Exception {
        JsonSocket client = new JsonSocket(name);
        client.listener = listener;
        List<String> offered = SocketAuth.subprotocols(token);
        try {
            client.socket = HTTP.newWebSocketBuilder()
                    .connectTimeout(timeout)
                    .subprotocols(offered.get(0), offered.subList(1, offered.size()).toArray(String[]::new))
                    .buildAsync(uri, client)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
        return client;
    }

    /**
     * Opens {@code uri}, retrying a refused or failed upgrade every 50 ms until {@code within}
     * (a restarted node knows its rooms a moment after it listens).
     */
    public static JsonSocket openRetrying(String name, URI uri, String token, Duration within, Consumer<Frame> listener)
            throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                return open(name, uri, token, Duration.ofSeconds(2), listener);
            } catch (WebSocketHandshakeException e) {
                last = new IllegalStateException("upgrade refused with " + e.getResponse().statusCode(), e);
            } catch (java.io.IOException | TimeoutException e) {
                last = e;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(name + " could not open " + uri + " within " + within + " (last: " + last + ")", last);
    }

    /** The status of a refused upgrade, e.g. 404. */
    public static int refusedStatus(Throwable e) {
        return e instanceof WebSocketHandshakeException h ? h.getResponse().statusCode() : -1;
    }

    public String name() {
        return name;
    }

    public void send(String frame) {
        socket.sendText(frame, true).join();
    }

    /** An {@code in} frame of docs/protocol.md. */
    public void sendInput(long seq, boolean up, boolean down, boolean left, boolean right, double aim, boolean fire) {
        send("{\"t\":\"in\",\"seq\":" + seq + ",\"up\":" + up + ",\"down\":" + down + ",\"left\":" + left
                + ",\"right\":" + right + ",\"aim\":" + aim + ",\"fire\":" + fire + "}");
    }

    /** The next frame of type {@code t} matching {@code wanted} within {@code within}, skipping others. */
    public Frame next(String t, Predicate<JsonNode> wanted, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        Frame lastOfType = null;
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            Frame frame = frames.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
            if (frame != null && t.equals(frame.type())) {
                lastOfType = frame;
                if (wanted.test(frame.json())) {
                    return frame;
                }
            }
        }
        throw new AssertionError(name + ": no matching '" + t + "' within " + within
                + (lastOfType == null ? " (none of that type)" : "; last one: " + lastOfType.json())
                + (closed.isDone() ? "; socket closed: " + closed.getNow(null) : ""));
    }

    public Frame next(String t, Duration within) throws InterruptedException {
        return next(t, json -> true, within);
    }

    /** Drops the frames received so far. */
    public void drain() {
        frames.clear();
    }

    /** The close code the server sent, waiting up to {@code within}. */
    public int closeCode(Duration within) throws Exception {
        try {
            return closed.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(name + ": the socket was not closed within " + within);
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** Drops the TCP connection at once (no close frame). */
    public void abort() {
        if (socket != null) {
            socket.abort();
        }
    }

    @Override
    public void close() {
        if (socket == null) {
            return;
        }
        try {
            if (!socket.isOutputClosed()) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            // the server may be gone
        } finally {
            socket.abort();
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            long at = System.nanoTime();
            String text = partial.toString();
            partial.setLength(0);
            try {
                Frame frame = new Frame(at, JSON.readTree(text));
                listener.accept(frame);
                frames.add(frame);
            } catch (Exception e) {
                frames.add(new Frame(at, JSON.createObjectNode().put("t", "unparsable").put("text", text)));
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }
}
