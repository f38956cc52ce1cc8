package dev.arena.model.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusWireTest {

    @Test
    void playerStatusesRoundTrip() {
        for (PlayerStatus status : PlayerStatus.values()) {
            assertEquals(Optional.of(status), PlayerStatus.fromWire(status.wire()));
        }
        assertEquals("in_room", PlayerStatus.IN_ROOM.wire());
        assertEquals(Optional.empty(), PlayerStatus.fromWire("IN_ROOM"));
        assertEquals(Optional.empty(), PlayerStatus.fromWire(null));
    }

    @Test
    void roomStatesRoundTrip() {
        for (RoomState state : RoomState.values()) {
            assertEquals(Optional.of(state), RoomState.fromWire(state.wire()));
        }
        assertEquals("countdown", RoomState.COUNTDOWN.wire());
        assertEquals(Optional.empty(), RoomState.fromWire("ended"));
    }
}
