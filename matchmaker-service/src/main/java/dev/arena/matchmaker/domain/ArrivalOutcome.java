package dev.arena.matchmaker.domain;

import java.util.List;

/** What arrival.lua did with a started room after its arrival deadline. */
public sealed interface ArrivalOutcome {

    /** The room this outcome is about. */
    String roomId();

    /** Nothing to do: the room is gone, not due yet, or no longer started. */
    record Unchanged(String roomId) implements ArrivalOutcome {}

    /**
     * Members not in the game by the deadline were dropped; the room goes on ({@code continued})
     * or went back to waiting with the members who did arrive ({@code remaining}).
     */
    record Settled(String roomId, boolean continued, String nodeId, List<String> dropped, RoomView remaining)
            implements ArrivalOutcome {

        public Settled {
            dropped = List.copyOf(dropped);
        }
    }
}
