package dev.arena.model.codes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {

    @Test
    void everyWireStringIsLowercaseUniqueAndFoundAgain() {
        Set<String> seen = new HashSet<>();
        for (ErrorCode code : ErrorCode.values()) {
            assertTrue(code.wire().matches("[a-z_]+"), code.wire());
            assertTrue(seen.add(code.wire()), "duplicate " + code.wire());
            assertEquals(Optional.of(code), ErrorCode.fromWire(code.wire()));
            assertTrue(code.httpStatus() >= 400 && code.httpStatus() < 600, code.name());
        }
    }

    @Test
    void unknownWireStringsAreEmpty() {
        assertEquals(Optional.empty(), ErrorCode.fromWire("nope"));
        assertEquals(Optional.empty(), ErrorCode.fromWire("BAD_REQUEST"));
        assertEquals(Optional.empty(), ErrorCode.fromWire(null));
    }

    @Test
    void statusesMatchTheirMeaning() {
        assertEquals(400, ErrorCode.MALFORMED_JSON.httpStatus());
        assertEquals(401, ErrorCode.UNAUTHORIZED.httpStatus());
        assertEquals(403, ErrorCode.NOT_IN_ROOM.httpStatus());
        assertEquals(409, ErrorCode.ALREADY_PLAYING.httpStatus());
        assertEquals(413, ErrorCode.FRAME_TOO_LARGE.httpStatus());
        assertEquals(429, ErrorCode.RATE_LIMITED.httpStatus());
        assertEquals(500, ErrorCode.INTERNAL.httpStatus());
        assertEquals(503, ErrorCode.NO_GAME_NODE.httpStatus());
    }
}
