package dev.arena.model.state;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** Where a player is in the journey: the {@code status} field of {@code player:{id}} and of {@code queue.status}. */
public enum PlayerStatus {

    /** Free to queue. Never stored in Redis: an idle player has no {@code status} field (or no hash). */
    IDLE("idle"),
    /** In {@code players_queue}, waiting for a room. */
    QUEUED("queued"),
    /** A member of a room that has not started yet. */
    IN_ROOM("in_room"),
    /** In a running match on a game node. */
    IN_GAME("in_game");

    private final String wire;

    PlayerStatus(String wire) {
        this.wire = wire;
    }

    /** The lowercase string stored in Redis and sent on the wire. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The status with this wire string, if any. */
    public static Optional<PlayerStatus> fromWire(String wire) {
        for (PlayerStatus status : values()) {
            if (status.wire.equals(wire)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
