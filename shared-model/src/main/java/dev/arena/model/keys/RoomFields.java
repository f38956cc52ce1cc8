package dev.arena.model.keys;

/** Field names of the {@code room:{id}} hash. */
public final class RoomFields {

    /** A {@link dev.arena.model.state.RoomState} wire string. */
    public static final String STATE = "state";
    /** Creation time (epoch ms). */
    public static final String CREATED = "created";
    /** Id of the game node the room was handed to, once started. */
    public static final String NODE = "node";
    /** When the countdown ends (epoch ms), only during the countdown. */
    public static final String COUNTDOWN_DEADLINE = "countdown_deadline";

    private RoomFields() {}
}
