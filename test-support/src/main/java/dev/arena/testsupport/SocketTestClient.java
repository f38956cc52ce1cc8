package dev.arena.testsupport;

import dev.arena.model.protocol.SocketAuth;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A socket client as a browser opens it (token in the subprotocol carrier) that collects the
 * decoded frames and the close code, for tests of the lobby and game sockets. Binary frames are
 * for a subclass to decode ({@link #decodeBinary}); by default they are dropped.
 *
 * @param <M> the type of message the server sends
 */
public class SocketTestClient<M> implements WebSocket.Listener {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

    /** Frames received and not yet taken, decoded. */
    public final BlockingQueue<M> frames = new LinkedBlockingQueue<>();
    /** Completes with the close code the server sent. */
    public final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final Function<String, M> decoder;
    private final StringBuilder partial = new StringBuilder();
    private final ByteArrayOutputStream partialBinary = new ByteArrayOutputStream();
    private WebSocket socket;

    protected SocketTestClient(Function<String, M> decoder) {
        this.decoder = decoder;
    }

    /** Opens {@code uri} with {@code token}; fails with the handshake's status if refused. */
    public static <M> SocketTestClient<M> connect(URI uri, String token, Function<String, M> decoder) throws Exception {
        return open(new SocketTestClient<>(decoder), uri, token);
    }

    /** Opens {@code client} on {@code uri}; without a token it offers only the fixed subprotocol. */
    protected static <C extends SocketTestClient<?>> C open(C client, URI uri, String token) throws Exception {
        return open(client, uri, token, SocketAuth.SUBPROTOCOL);
    }

    /** Opens {@code client} on {@code uri} asking for {@code subprotocol}, with the token's carrier unless it is null. */
    protected static <C extends SocketTestClient<?>> C open(C client, URI uri, String token, String subprotocol) throws Exception {
        List<String> offered = token == null ? List.of(subprotocol) : SocketAuth.subprotocols(subprotocol, token);
        WebSocket.Builder builder = HTTP.newWebSocketBuilder();
        if (offered.size() == 1) {
            builder.subprotocols(offered.get(0));
        } else {
            builder.subprotocols(offered.get(0), offered.subList(1, offered.size()).toArray(String[]::new));
        }
        ((SocketTestClient<?>) client).socket = builder.buildAsync(uri, client).get(10, TimeUnit.SECONDS);
        return client;
    }

    public WebSocket socket() {
        return socket;
    }

    /** Sends a raw text frame and waits until it is written. */
    public void send(String frame) {
        socket.sendText(frame, true).join();
    }

    /** Sends one text message in fragments, one frame per part, and waits until they are written. */
    public void sendFragments(String... parts) {
        for (int i = 0; i < parts.length; i++) {
            socket.sendText(parts[i], i == parts.length - 1).join();
        }
    }

    /** Sends a raw binary frame and waits until it is written. */
    public void sendBinary(byte[] frame) {
        socket.sendBinary(ByteBuffer.wrap(frame), true).join();
    }

    /** The message of a text frame. */
    protected M decodeText(String frame) {
        return decoder.apply(frame);
    }

    /** The message of a binary frame, or null to drop it. */
    protected M decodeBinary(ByteBuffer frame) {
        return null;
    }

    /** Closes normally, unless the server closed already. */
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(1000, "bye").join();
        }
    }

    /** The next message of {@code type} matching {@code wanted} within 10 s, skipping others. */
    public <T extends M> T next(Class<T> type, Predicate<T> wanted) throws InterruptedException {
        return next(type, wanted, DEFAULT_WAIT);
    }

    public <T extends M> T next(Class<T> type, Predicate<T> wanted, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            M message = frames.poll(50, TimeUnit.MILLISECONDS);
            if (type.isInstance(message) && wanted.test(type.cast(message))) {
                return type.cast(message);
            }
        }
        throw new AssertionError("no matching " + type.getSimpleName() + " within " + within);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(decodeText(partial.toString()));
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        partialBinary.writeBytes(bytes);
        if (last) {
            M message = decodeBinary(ByteBuffer.wrap(partialBinary.toByteArray()));
            if (message != null) {
                frames.add(message);
            }
            partialBinary.reset();
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
        closed.completeExceptionally(error);
    }
}
