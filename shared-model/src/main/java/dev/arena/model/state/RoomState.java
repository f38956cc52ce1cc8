package dev.arena.model.state;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** A room's lifecycle stage: the {@code state} field of {@code room:{id}} and of {@code room.update}. */
public enum RoomState {

    /** Fewer than the minimum players; waiting for more. */
    WAITING("waiting"),
    /** At least the minimum players; starts at the countdown deadline, or at once when full. */
    COUNTDOWN("countdown"),
    /** Handed to a game node, which has not reported it running yet. */
    STARTING("starting"),
    /** The match runs on its game node. */
    RUNNING("running");

    private final String wire;

    RoomState(String wire) {
        this.wire = wire;
    }

    /** The lowercase string stored in Redis and sent on the wire. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The state with this wire string, if any. */
    public static Optional<RoomState> fromWire(String wire) {
        for (RoomState state : values()) {
            if (state.wire.equals(wire)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
