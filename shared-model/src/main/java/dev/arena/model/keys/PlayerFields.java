package dev.arena.model.keys;

/** Field names of the {@code player:{id}} hash (the seed's player payload). */
public final class PlayerFields {

    /** The lobby socket's session id, to push to the player. */
    public static final String SID = "sid";
    /**
     * The sequence number of that socket ({@link RedisKeys#lobbySocketSeq()}): a socket with a lower
     * number, on any lobby instance, was replaced by the player's newer one.
     */
    public static final String SID_SEQ = "sid_seq";
    /** Last stored x position in the arena. */
    public static final String X = "x";
    /** Last stored y position in the arena. */
    public static final String Y = "y";
    /** The player's colors, as the JSON of {@link dev.arena.model.protocol.Colors} ({@code {"primary":"#rrggbb","secondary":"#rrggbb"}}). */
    public static final String COLORS = "colors";
    /** Enqueue time (epoch ms); kept so a dissolved room re-queues its members at their original place. */
    public static final String JOINED_TIMESTAMP = "joined_timestamp";
    /** A {@link dev.arena.model.state.PlayerStatus} wire string (never {@code idle}). */
    public static final String STATUS = "status";
    /** Id of the player's room, while in a room or a match. */
    public static final String ROOM = "room";
    /** Id of the game node running the player's match. */
    public static final String NODE = "node";
    /** Display name. */
    public static final String NAME = "name";

    private PlayerFields() {}
}
