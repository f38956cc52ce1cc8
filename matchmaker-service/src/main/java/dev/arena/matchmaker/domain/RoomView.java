package dev.arena.matchmaker.domain;

import dev.arena.model.state.RoomState;
import java.util.List;

/** What the members of a room are told about it: state, countdown deadline (or null) and members. */
public record RoomView(String roomId, RoomState state, Long countdownDeadline, List<Member> members) {

    public RoomView {
        members = List.copyOf(members);
    }

    /** The member ids, the recipients of a notice about this room. */
    public List<String> memberIds() {
        return members.stream().map(Member::id).toList();
    }
}
