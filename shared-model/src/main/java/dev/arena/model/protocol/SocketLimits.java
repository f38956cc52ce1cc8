package dev.arena.model.protocol;

/** Limits both sockets apply to every client message (docs/protocol.md, "Socket limits"). */
public final class SocketLimits {

    /**
     * Largest client message in bytes, a frame or the fragments of one message together: above it
     * the socket is closed with {@link dev.arena.model.codes.CloseCode#TOO_BIG} (1009). Every client
     * message fits in a fraction of it, and a cap this small keeps a flood's memory bounded.
     */
    public static final int MAX_MESSAGE_BYTES = 1024;

    private SocketLimits() {}
}
