package dev.arena.model.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A node's report as a stream entry and back. */
class NodeEventTest {

    @Test
    void everyReportSurvivesItsStreamEntry() {
        for (NodeEvent event : List.of(NodeEvent.running("r1", "game-1", 3, 1_700_000_000_000L),
                NodeEvent.arrived("r1", "game-1", 3, "p1"), NodeEvent.settled("r1", "game-1", 3, List.of("p1", "p2")),
                NodeEvent.settled("r1", "game-1", 3, List.of()), NodeEvent.ended("r1", "game-1", 3))) {
            assertEquals(event, NodeEvent.fromFields(event.toFields()));
        }
        assertEquals("settled", NodeEvent.settled("r1", "n", 1, List.of()).toFields().get(NodeEvent.TYPE_FIELD));
    }

    @Test
    void anEntryThisVersionCannotReadIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> NodeEvent.fromFields(Map.of("type", "teleported", "room", "r",
                "node", "n", "epoch", "1")));
        assertThrows(IllegalArgumentException.class, () -> NodeEvent.fromFields(Map.of("type", "running", "room", "r")));
        assertThrows(IllegalArgumentException.class, () -> NodeEvent.fromFields(Map.of("type", "arrived", "room", "r",
                "node", "n", "epoch", "1")), "an arrival names its player");
    }
}
