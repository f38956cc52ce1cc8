package dev.arena.matchmaker.domain;

import java.util.List;

/**
 * What one round of assign.lua calls did: each join's outcome with the lobby's enqueue time (0 when
 * the caller gave the players itself), the rooms that leave events named, how many stream entries
 * were read, and when the stream had nothing new, the id of its last entry (to wait for entries after).
 */
public record JoinBatch(List<AssignOutcome> outcomes, List<Long> enqueuedAt, List<String> leftRooms, int entriesRead,
        String lastEntryId) {

    public JoinBatch {
        outcomes = List.copyOf(outcomes);
        enqueuedAt = List.copyOf(enqueuedAt);
        leftRooms = List.copyOf(leftRooms);
    }
}
