package dev.arena.matchmaker.domain;

/** What assign.lua did with one join event. */
public sealed interface AssignOutcome {

    /** The player was no longer queued (left, or already placed by an earlier delivery): nothing to do. */
    record Stale(String playerId) implements AssignOutcome {}

    /**
     * The player is now in a room that had {@code count} members right after this placement;
     * {@code room} is that room as the whole call left it (later players of the batch may have joined).
     */
    record Assigned(String playerId, RoomView room, int count) implements AssignOutcome {}
}
