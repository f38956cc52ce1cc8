package dev.arena.game.transport;

import dev.arena.game.domain.Room;
import dev.arena.service.limits.FrameRateLimiter;

/** What one game socket carries between its frames; touched only by its own serial handler. */
final class SocketSession {

    final Room room;
    final SocketChannel channel;
    final FrameRateLimiter limiter;
    /** The highest input sequence this socket sent so far; the next may not leap far beyond it. */
    long lastSeq;

    SocketSession(Room room, SocketChannel channel, FrameRateLimiter limiter) {
        this.room = room;
        this.channel = channel;
        this.limiter = limiter;
    }
}
