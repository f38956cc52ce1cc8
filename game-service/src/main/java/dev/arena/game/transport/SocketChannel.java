package dev.arena.game.transport;

import dev.arena.game.domain.PlayerChannel;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.http.ServerWebSocket;

/**
 * A game socket as its room sees it. Every write is left to Vert.x, which queues it on the
 * connection's event loop: the caller (the tick thread) never waits for a client. At most one
 * snapshot per socket is queued at a time ({@link #sendLatest}).
 */
final class SocketChannel implements PlayerChannel {

    // Shared, so a send allocates no callback; a failed write means the socket is closing, and its close handler cleans up.
    private static final Handler<AsyncResult<Void>> IGNORED = ignored -> {};

    private final String playerId;
    private final ServerWebSocket socket;
    /** A snapshot is queued and not yet written; set by the tick thread, cleared on the event loop. */
    private volatile boolean snapshotQueued;
    // Created once per socket, so a snapshot's send allocates no callback.
    private final Handler<AsyncResult<Void>> snapshotWritten = ignored -> snapshotQueued = false;

    SocketChannel(String playerId, ServerWebSocket socket) {
        this.playerId = playerId;
        this.socket = socket;
    }

    @Override
    public String playerId() {
        return playerId;
    }

    @Override
    public void send(String frame) {
        socket.writeTextMessage(frame, IGNORED);
    }

    @Override
    public boolean sendLatest(String frame) {
        if (snapshotQueued) {
            return false;
        }
        snapshotQueued = true;
        socket.writeTextMessage(frame, snapshotWritten);
        return true;
    }

    @Override
    public void sendAndClose(String frame, int code, String reason) {
        socket.writeTextMessage(frame, written -> close(code, reason));
    }

    @Override
    public void close(int code, String reason) {
        socket.close((short) code, reason, IGNORED);
    }
}
