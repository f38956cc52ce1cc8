package dev.arena.lobby.store;

import dev.arena.model.protocol.PlayerInfo;
import dev.arena.model.state.RoomState;
import java.util.List;

/** What {@code leave.lua} did. */
public sealed interface LeaveOutcome {

    /** The player was idle already: nothing changed. */
    record Idle() implements LeaveOutcome {}

    /** Grace removal skipped: another lobby socket of the player marked the hash since. */
    record OnlineElsewhere() implements LeaveOutcome {}

    /** The player is in a started match and must leave it there; nothing changed. */
    record InMatch(PlayerRecord where) implements LeaveOutcome {}

    /** The player left the queue, or a room nobody is left to tell about. */
    record Left() implements LeaveOutcome {}

    /** The player left a room that has not started; the room as it is now, for its remaining members. */
    record LeftRoom(String roomId, RoomState state, Long countdownDeadline, List<PlayerInfo> members) implements LeaveOutcome {}
}
