package dev.arena.game.transport;

import dev.arena.game.domain.PlayerChannel;
import dev.arena.game.domain.SnapshotFrame;
import dev.arena.model.protocol.GameProtocol;
import io.netty.buffer.Unpooled;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;

/**
 * A game socket as its room sees it. Every write is left to Vert.x, which queues it on the
 * connection's event loop: the caller (the tick thread) never waits for a client. At most one
 * snapshot per socket is queued at a time ({@link #sendLatest}). A version 2 socket's snapshot
 * wraps the room's bytes without copying them.
 */
final class SocketChannel implements PlayerChannel {

    // Shared, so a send allocates no callback; a failed write means the socket is closing, and its close handler cleans up.
    private static final Handler<AsyncResult<Void>> IGNORED = ignored -> {};

    private final String playerId;
    private final ServerWebSocket socket;
    private final GameProtocol protocol;
    /** A snapshot is queued and not yet written; set by the tick thread, cleared on the event loop. */
    private volatile boolean snapshotQueued;
    // Created once per socket, so a snapshot's send allocates no callback.
    private final Handler<AsyncResult<Void>> snapshotWritten = ignored -> snapshotQueued = false;

    SocketChannel(String playerId, ServerWebSocket socket, GameProtocol protocol) {
        this.playerId = playerId;
        this.socket = socket;
        this.protocol = protocol;
    }

    @Override
    public String playerId() {
        return playerId;
    }

    @Override
    public GameProtocol protocol() {
        return protocol;
    }

    @Override
    public void send(String frame) {
        socket.writeTextMessage(frame, IGNORED);
    }

    @Override
    public boolean sendLatest(SnapshotFrame frame) {
        if (snapshotQueued) {
            return false;
        }
        snapshotQueued = true;
        if (protocol == GameProtocol.V2) {
            socket.writeBinaryMessage(Buffer.buffer(Unpooled.wrappedBuffer(frame.binary())), snapshotWritten);
        } else {
            socket.writeTextMessage(frame.text(), snapshotWritten);
        }
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
