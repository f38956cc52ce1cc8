package dev.arena.model.keys;

/** Field names of the {@code room:{id}} hash. */
public final class RoomFields {

    /** A {@link dev.arena.model.state.RoomState} wire string. */
    public static final String STATE = "state";
    /** Creation time (epoch ms). */
    public static final String CREATED = "created";
    /** Id of the game node the room was handed to, once started. */
    public static final String NODE = "node";
    /**
     * The number of the room's current grant to a node: start.lua increments it with each grant,
     * and a node's report about the room counts only with the epoch it was granted.
     */
    public static final String EPOCH = "epoch";
    /** When the granted node reported the room running (epoch ms); the arrival deadline counts from it. */
    public static final String RUNNING_AT = "running_at";
    /** When the countdown ends (epoch ms), only during the countdown. */
    public static final String COUNTDOWN_DEADLINE = "countdown_deadline";

    private RoomFields() {}
}
