package dev.arena.matchmaker;

import dev.arena.testsupport.LayerRules;
import org.junit.jupiter.api.Test;

/** The matchmaker's classes keep the service layers (test-support's LayerRules). */
class ArchitectureTest {

    @Test
    void layersDependDownwardOnly() {
        LayerRules.check("matchmaker");
    }
}
