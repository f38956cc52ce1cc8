package dev.arena.matchmaker.domain;

import dev.arena.model.state.PlayerStatus;
import java.util.List;
import java.util.Map;

/**
 * What leave.lua did with a batch of leave and reset requests: each player's status after it
 * (idle once out; still placed when their match had started) and the rooms they left that still
 * have members, as the batch left them.
 */
public record LeaveOutcome(Map<String, PlayerStatus> statusAfter, List<RoomView> changedRooms) {

    public LeaveOutcome {
        statusAfter = Map.copyOf(statusAfter);
        changedRooms = List.copyOf(changedRooms);
    }
}
