package dev.arena.service.transport;

/** What a socket's error callback can tell about a failure the transport raised, not our code. */
public final class SocketFailures {

    private SocketFailures() {}

    /**
     * Whether websockets-next refused a message for being above the configured max message size
     * (a message sent in fragments, each below the frame limit): the socket is then closed with
     * 1009, as for one frame above the protocol's limit.
     */
    public static boolean isMessageTooLarge(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (cause instanceof IllegalStateException && message != null && message.contains("max message size")) {
                return true;
            }
        }
        return false;
    }
}
