package dev.arena.matchmaker.domain;

import dev.arena.model.state.RoomState;
import java.util.List;

/** Everything stored about one room, for operators. */
public record RoomDetails(String roomId, RoomState state, Long countdownDeadline, String nodeId, Long created,
        Long nextDeadline, List<Member> members) {

    public RoomDetails {
        members = List.copyOf(members);
    }

    /** The view the members get in a room.update. */
    public RoomView view() {
        return new RoomView(roomId, state, countdownDeadline, members);
    }
}
