package dev.arena.game.transport;

import dev.arena.game.domain.PlayerChannel;
import dev.arena.game.domain.SnapshotFrame;
import dev.arena.model.protocol.GameProtocol;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.http.ServerWebSocket;

/**
 * A game socket as its room sees it. Frames are written to the connection's Netty channel, which
 * queues them on its event loop: the caller (the tick thread) never waits for a client, and a frame
 * costs no more than Netty's own write. At most one snapshot per socket is queued at a time
 * ({@link #sendLatest}). A version 2 socket's snapshot wraps the room's bytes without copying them.
 * Closing goes through Vert.x's socket, which owns the close handshake.
 */
final class SocketChannel implements PlayerChannel {

    // Shared, so a close allocates no callback; a failed close means the socket is gone already.
    private static final Handler<AsyncResult<Void>> IGNORED = ignored -> {};

    private final String playerId;
    private final ServerWebSocket socket;
    private final Channel channel;
    private final GameProtocol protocol;
    /** A snapshot is queued and not yet written; set by the tick thread, cleared on the event loop. */
    private volatile boolean snapshotQueued;
    // Created once per socket, so a snapshot's send allocates no listener.
    private final ChannelFutureListener snapshotWritten = ignored -> snapshotQueued = false;

    SocketChannel(String playerId, ServerWebSocket socket, Channel channel, GameProtocol protocol) {
        this.playerId = playerId;
        this.socket = socket;
        this.channel = channel;
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
        // A failed write means the socket is closing; its close handler cleans up.
        channel.writeAndFlush(new TextWebSocketFrame(frame));
    }

    @Override
    public boolean sendLatest(SnapshotFrame frame) {
        if (snapshotQueued) {
            return false;
        }
        snapshotQueued = true;
        Object wire = protocol == GameProtocol.V2
                ? new BinaryWebSocketFrame(Unpooled.wrappedBuffer(frame.binary()))
                : new TextWebSocketFrame(frame.text());
        channel.writeAndFlush(wire).addListener(snapshotWritten);
        return true;
    }

    @Override
    public void sendAndClose(String frame, int code, String reason) {
        channel.writeAndFlush(new TextWebSocketFrame(frame)).addListener(written -> close(code, reason));
    }

    @Override
    public void close(int code, String reason) {
        socket.close((short) code, reason, IGNORED);
    }
}
