package dev.arena.game.node;

import dev.arena.model.codec.MessageCodec;
import dev.arena.model.protocol.GameServerMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A game socket client as a browser opens it (token in the subprotocol carrier), collecting frames and the close code. */
final class GameClient implements WebSocket.Listener {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final MessageCodec CODEC = new MessageCodec();

    final BlockingQueue<GameServerMessage> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    WebSocket socket;
    private long seq;

    /** Opens {@code uri} with {@code token} (or without a token when null); fails with the handshake's status. */
    static GameClient connect(URI uri, String token) throws Exception {
        GameClient client = new GameClient();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder();
        builder = token == null ? builder.subprotocols("arena")
                : builder.subprotocols("arena",
                        URLEncoder.encode("quarkus-http-upgrade#Authorization#Bearer " + token, StandardCharsets.UTF_8));
        client.socket = builder.buildAsync(uri, client).get(10, TimeUnit.SECONDS);
        return client;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(CODEC.decodeGameServer(partial.toString()));
            partial.setLength(0);
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

    /** Sends a raw text frame and waits until it is written. */
    void send(String frame) {
        socket.sendText(frame, true).join();
    }

    /** Sends the next input (sequence numbers count up from 1 on each connection). */
    long input(boolean up, boolean down, boolean left, boolean right, double aim, boolean fire) {
        seq++;
        send("{\"t\":\"in\",\"seq\":" + seq + ",\"up\":" + up + ",\"down\":" + down + ",\"left\":" + left
                + ",\"right\":" + right + ",\"aim\":" + aim + ",\"fire\":" + fire + "}");
        return seq;
    }

    /** The next message of {@code type} matching {@code wanted} within 10 s, skipping others. */
    <T extends GameServerMessage> T next(Class<T> type, Predicate<T> wanted) throws InterruptedException {
        return next(type, wanted, Duration.ofSeconds(10));
    }

    <T extends GameServerMessage> T next(Class<T> type, Predicate<T> wanted, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            GameServerMessage message = frames.poll(50, TimeUnit.MILLISECONDS);
            if (type.isInstance(message) && wanted.test(type.cast(message))) {
                return type.cast(message);
            }
        }
        throw new AssertionError("no matching " + type.getSimpleName() + " within " + within);
    }

    /** The newest snapshot received so far (draining the queue), waiting for one if none came yet. */
    GameServerMessage.Snapshot latestSnapshot() throws InterruptedException {
        GameServerMessage.Snapshot latest = null;
        GameServerMessage message;
        while ((message = frames.poll()) != null) {
            if (message instanceof GameServerMessage.Snapshot snapshot) {
                latest = snapshot;
            }
        }
        return latest != null ? latest : next(GameServerMessage.Snapshot.class, s -> true);
    }

    void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(1000, "bye");
        }
    }
}
