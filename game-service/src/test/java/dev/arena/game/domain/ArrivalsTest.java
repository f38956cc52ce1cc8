package dev.arena.game.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The node's own arrival window, step by step with explicit times. */
class ArrivalsTest {

    private static final long DEADLINE = 15_000;

    @Test
    void settlesAsSoonAsEveryMemberCameAndOnlyOnce() {
        Arrivals arrivals = new Arrivals(List.of("a", "b", "c"), DEADLINE);
        assertTrue(arrivals.arrive("a"));
        assertTrue(arrivals.arrive("b"));
        assertNull(arrivals.settleIfDue(1_000), "one member still to come, the window still open");
        assertTrue(arrivals.arrive("c"));
        assertEquals(List.of("a", "b", "c"), arrivals.settleIfDue(1_001));
        assertNull(arrivals.settleIfDue(20_000), "settled once");
    }

    @Test
    void atTheWindowsEndTheNoShowsAreLeftOut() {
        Arrivals arrivals = new Arrivals(List.of("a", "b", "c", "d"), DEADLINE);
        arrivals.arrive("c");
        arrivals.arrive("a");
        assertNull(arrivals.settleIfDue(DEADLINE - 1));
        assertEquals(List.of("a", "c"), arrivals.settleIfDue(DEADLINE), "in roster order");
    }

    @Test
    void aReconnectIsNoNewsAndAStrangerNoArrival() {
        Arrivals arrivals = new Arrivals(List.of("a", "b", "c"), DEADLINE);
        assertTrue(arrivals.arrive("a"));
        assertFalse(arrivals.arrive("a"));
        assertFalse(arrivals.arrive("stranger"));
        assertEquals(List.of("a"), arrivals.settleIfDue(DEADLINE));
    }
}
