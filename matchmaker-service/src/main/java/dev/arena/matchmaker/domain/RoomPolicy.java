package dev.arena.matchmaker.domain;

import dev.arena.model.rules.GameRules;

/**
 * The decisions the Java side takes on script results: start a room at once, start it at its
 * deadline, check arrivals, or do nothing. The atomic part (which room, the state moves) is in
 * the Lua scripts; this is what follows from their answers. Pure, so it is tested without Redis.
 */
public final class RoomPolicy {

    /** What to do after a room's deadline was looked at. */
    public enum DueAction {
        /** Run start.lua (at least the minimum of members; start.lua is the lock). */
        START,
        /** The room was handed to a node: run the arrival check. */
        CHECK_ARRIVALS,
        /** Nothing more: dissolved, rescheduled or gone. */
        NONE
    }

    private final int minPlayers;
    private final int maxPlayers;

    public RoomPolicy(int minPlayers, int maxPlayers) {
        if (minPlayers < 1 || maxPlayers < minPlayers) {
            throw new IllegalArgumentException("need 1 <= minPlayers <= maxPlayers, got " + minPlayers + ".." + maxPlayers);
        }
        this.minPlayers = minPlayers;
        this.maxPlayers = maxPlayers;
    }

    /** The game's 3 to 5 players. */
    public static RoomPolicy standard() {
        return new RoomPolicy(GameRules.DEFAULTS.minPlayers(), GameRules.DEFAULTS.maxPlayers());
    }

    public int minPlayers() {
        return minPlayers;
    }

    public int maxPlayers() {
        return maxPlayers;
    }

    /** A room that the assignment filled up starts at once, without waiting for its countdown. */
    public boolean startsNow(AssignOutcome outcome) {
        return outcome instanceof AssignOutcome.Assigned assigned && assigned.count() >= maxPlayers;
    }

    /** What follows from expire.lua's answer for a due room. */
    public DueAction afterDue(DueOutcome outcome) {
        if (outcome instanceof DueOutcome.Start) {
            return DueAction.START;
        }
        if (outcome instanceof DueOutcome.Handed) {
            return DueAction.CHECK_ARRIVALS;
        }
        return DueAction.NONE;
    }
}
