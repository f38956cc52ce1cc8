package dev.arena.lobby.store;

import dev.arena.model.state.PlayerStatus;

/** What a leave came to: {@code leave.lua}'s answer, and for a room member the matchmaker's. */
public sealed interface LeaveOutcome {

    /** The player was idle already: nothing changed. */
    record Idle() implements LeaveOutcome {}

    /** Grace removal skipped: another lobby socket of the player marked the hash since. */
    record OnlineElsewhere() implements LeaveOutcome {}

    /** The player is in a started match and must leave it there; nothing changed. */
    record InMatch(PlayerRecord where) implements LeaveOutcome {}

    /** The player left the queue. */
    record Left() implements LeaveOutcome {}

    /** The matchmaker took the player out of their room and told them and the room's remaining members. */
    record LeftRoom(String roomId) implements LeaveOutcome {}

    /** The matchmaker was asked to take the player out of their room and has not answered yet; {@code status} is theirs meanwhile. */
    record Leaving(String roomId, PlayerStatus status) implements LeaveOutcome {}
}
