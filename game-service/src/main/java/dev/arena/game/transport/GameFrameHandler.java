package dev.arena.game.transport;

import dev.arena.model.codes.CloseCode;
import dev.arena.model.protocol.SocketLimits;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/**
 * Reads one game socket's data frames straight off its Netty pipeline, on the connection's event
 * loop, and hands each frame's bytes to {@link GameSocket}; control frames (ping, pong, close) and
 * other failures go on to Vert.x, which answers and closes as for any WebSocket. A data frame
 * through Vert.x's WebSocket API would be copied to a heap buffer, dispatched as a task on the
 * socket's context and passed through its message aggregator: per-frame work several times the
 * frame's own, on the path whose cost per player decides how many players a core holds.
 * Fragmented messages are joined before this handler by Netty's aggregator, capped at the
 * protocol's frame limit.
 */
final class GameFrameHandler extends ChannelInboundHandlerAdapter {

    private final GameSocket frames;
    private final SocketSession session;

    GameFrameHandler(GameSocket frames, SocketSession session) {
        this.frames = frames;
        this.session = session;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof BinaryWebSocketFrame frame) {
            try {
                frames.binary(session, frame.content());
            } finally {
                frame.release();
            }
        } else if (msg instanceof TextWebSocketFrame frame) {
            try {
                frames.text(session, frame.content());
            } finally {
                frame.release();
            }
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            // A message in fragments whose whole is above the frame limit (docs/protocol.md: 1009).
            session.channel.close(CloseCode.TOO_BIG, "message above " + SocketLimits.MAX_MESSAGE_BYTES + " bytes");
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }
}
