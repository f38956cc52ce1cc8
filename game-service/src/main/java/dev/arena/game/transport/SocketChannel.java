package dev.arena.game.transport;

import dev.arena.game.domain.PlayerChannel;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import java.util.function.Consumer;

/**
 * A game socket as its room sees it. Every write is subscribed and left to Vert.x, which queues
 * it on the connection's event loop: the caller (the tick thread) never waits for a client. At
 * most one snapshot per socket is queued at a time ({@link #sendLatest}).
 */
final class SocketChannel implements PlayerChannel {

    // Shared, so a send allocates no callbacks; a failed write means the socket is closing, and its close handler cleans up.
    private static final Consumer<Void> DONE = ignored -> {};
    private static final Consumer<Throwable> FAILED = ignored -> {};

    private final String playerId;
    private final WebSocketConnection connection;
    /** A snapshot is queued and not yet written; set by the tick thread, cleared on the event loop. */
    private volatile boolean snapshotQueued;
    // Created once per socket, so a snapshot's send allocates no callbacks.
    private final Consumer<Void> snapshotWritten = ignored -> snapshotQueued = false;
    private final Consumer<Throwable> snapshotFailed = ignored -> snapshotQueued = false;

    SocketChannel(String playerId, WebSocketConnection connection) {
        this.playerId = playerId;
        this.connection = connection;
    }

    @Override
    public String playerId() {
        return playerId;
    }

    // The room encodes a frame once and every member gets the same String. websockets-next has no
    // text send of a shared Buffer: sendText(Buffer) turns the Buffer back into a String, and
    // sendText(String) has Vert.x encode it to UTF-8 per connection. sendBinary(Buffer) would share
    // the bytes, but the protocol and the browser client use text frames, so the per-member encode
    // stays while snapshots are text.
    @Override
    public void send(String frame) {
        connection.sendText(frame).subscribe().with(DONE, FAILED);
    }

    @Override
    public boolean sendLatest(String frame) {
        if (snapshotQueued) {
            return false;
        }
        snapshotQueued = true;
        connection.sendText(frame).subscribe().with(snapshotWritten, snapshotFailed);
        return true;
    }

    @Override
    public void sendAndClose(String frame, int code, String reason) {
        connection.sendText(frame)
                .onItemOrFailure().transformToUni((ignored, failure) -> connection.close(new CloseReason(code, reason)))
                .subscribe().with(DONE, FAILED);
    }

    @Override
    public void close(int code, String reason) {
        connection.close(new CloseReason(code, reason)).subscribe().with(DONE, FAILED);
    }
}
