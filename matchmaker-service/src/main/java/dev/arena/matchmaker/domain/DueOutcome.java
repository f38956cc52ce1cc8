package dev.arena.matchmaker.domain;

import dev.arena.model.state.RoomState;
import java.util.List;

/** What expire.lua decided for a room whose deadline passed, or did on an operator's dissolve. */
public sealed interface DueOutcome {

    /** The room this outcome is about. */
    String roomId();

    /** The room no longer exists; its leftovers were removed. */
    record Gone(String roomId) implements DueOutcome {}

    /** The deadline moved (a countdown restarted, a wait measured from creation); it was rescheduled. */
    record NotDue(String roomId) implements DueOutcome {}

    /** Enough members: the room must start. */
    record Start(String roomId) implements DueOutcome {}

    /** Already handed to a node: the deadline is its arrival check. */
    record Handed(String roomId, RoomState state) implements DueOutcome {}

    /** Dissolved; these members are queued again at their original enqueue time. */
    record Dissolved(String roomId, List<String> requeued) implements DueOutcome {

        public Dissolved {
            requeued = List.copyOf(requeued);
        }
    }
}
