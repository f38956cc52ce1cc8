package dev.arena.model.codes;

/** WebSocket close codes used by the lobby and game sockets: the standard ones we send and our 4xxx ones. */
public final class CloseCode {

    /** Normal close: the conversation is over. */
    public static final int NORMAL = 1000;
    /** The server is shutting down (drain) or the client navigates away. */
    public static final int GOING_AWAY = 1001;
    /** Policy violation: a sustained flood of frames or other bad behaviour. */
    public static final int POLICY_VIOLATION = 1008;
    /** A frame above the size limit (1 KB). */
    public static final int TOO_BIG = 1009;
    /** The server hit an unexpected error. */
    public static final int INTERNAL_ERROR = 1011;

    /** No token, an invalid or an expired one: get a new token before reconnecting. */
    public static final int UNAUTHORIZED = 4001;
    /** The player is not a member of this room: do not reconnect to it. */
    public static final int NOT_A_MEMBER = 4003;
    /** The room does not exist (or no longer runs on this node): ask the lobby where it is. */
    public static final int ROOM_NOT_FOUND = 4004;
    /** The same player opened a second socket; this older one is closed. Do not reconnect automatically. */
    public static final int REPLACED = 4009;
    /** The match has ended; the {@code end} message was sent before this close. */
    public static final int MATCH_OVER = 4010;
    /**
     * The match was called off before it got going (too few players arrived in time): the room is
     * back to waiting in the lobby with those who came. Go back to the lobby socket.
     */
    public static final int MATCH_CANCELLED = 4011;

    private CloseCode() {}
}
