package dev.arena.model.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InputLimitsTest {

    @Test
    void anAimWithinOneTurnEitherWayIsAccepted() {
        assertTrue(InputLimits.aimWithinLimit(0));
        assertTrue(InputLimits.aimWithinLimit(2 * Math.PI));
        assertTrue(InputLimits.aimWithinLimit(-2 * Math.PI));
        assertFalse(InputLimits.aimWithinLimit(Math.nextUp(2 * Math.PI)));
        assertFalse(InputLimits.aimWithinLimit(-7));
        assertFalse(InputLimits.aimWithinLimit(Double.NaN));
    }

    @Test
    void seqMayJumpAtMostTenThousand() {
        assertTrue(InputLimits.seqWithinJump(10_000, 0));
        assertTrue(InputLimits.seqWithinJump(10_017, 17));
        assertFalse(InputLimits.seqWithinJump(10_001, 0));
        assertTrue(InputLimits.seqWithinJump(3, 50), "an older seq is not a jump (the room ignores it)");
    }
}
