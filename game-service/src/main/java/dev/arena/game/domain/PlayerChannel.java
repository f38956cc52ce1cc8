package dev.arena.game.domain;

import dev.arena.model.protocol.GameProtocol;

/**
 * One player's open socket as the room sees it: fire-and-forget sends that never block the
 * caller (the tick thread), so a room needs no transport types.
 */
public interface PlayerChannel {

    /** The player behind this socket (the token's subject). */
    String playerId();

    /** The protocol version the socket speaks: which form of a snapshot it sends. */
    GameProtocol protocol();

    /** Queues a text frame; returns at once. */
    void send(String frame);

    /**
     * Queues a snapshot in the socket's form (the next one supersedes it), unless the previous
     * snapshot is still being written: then it is skipped and false returned. So a slow client, or
     * a node short of CPU, never builds a queue of stale snapshots in front of everything else its
     * event loop carries (other sockets' frames); the client gets the next one.
     */
    boolean sendLatest(SnapshotFrame frame);

    /** Queues {@code frame}, then closes with {@code code}; returns at once. */
    void sendAndClose(String frame, int code, String reason);

    /** Closes with {@code code}; returns at once. */
    void close(int code, String reason);
}
