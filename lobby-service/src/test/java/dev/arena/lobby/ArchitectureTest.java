package dev.arena.lobby;

import dev.arena.testsupport.LayerRules;
import org.junit.jupiter.api.Test;

/** The lobby's classes keep the service layers (test-support's LayerRules). */
class ArchitectureTest {

    @Test
    void layersDependDownwardOnly() {
        LayerRules.check("lobby");
    }
}
