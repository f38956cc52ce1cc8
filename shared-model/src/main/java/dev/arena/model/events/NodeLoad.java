package dev.arena.model.events;

/**
 * The value of a game node's heartbeat key: what it runs and what it can take. start.lua grants a
 * room only to a node whose granted players plus the room's stay within {@code capacity}.
 *
 * @param rooms rooms the node runs now
 * @param players members of those rooms
 * @param capacity the most players the node takes ({@code arena.game.capacity})
 */
public record NodeLoad(int rooms, int players, int capacity) {

    /** The JSON field start.lua reads. */
    public static final String CAPACITY_FIELD = "capacity";
}
