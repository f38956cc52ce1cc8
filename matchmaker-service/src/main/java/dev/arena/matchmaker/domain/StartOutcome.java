package dev.arena.matchmaker.domain;

import dev.arena.model.state.RoomState;
import java.util.List;

/** What start.lua did with a room. */
public sealed interface StartOutcome {

    /** The room this outcome is about. */
    String roomId();

    /** The room no longer exists. */
    record Gone(String roomId) implements StartOutcome {}

    /** Another call started it first (the state was no longer waiting or countdown), or it has too few members. */
    record NotStartable(String roomId, RoomState state) implements StartOutcome {}

    /** No live game node: the room keeps its state and the sweep tries again. */
    record NoNode(RoomView room) implements StartOutcome {

        @Override
        public String roomId() {
            return room.roomId();
        }
    }

    /** Handed to {@code nodeId}; the members get match.ready. */
    record Started(String roomId, String nodeId, List<String> members) implements StartOutcome {

        public Started {
            members = List.copyOf(members);
        }
    }
}
