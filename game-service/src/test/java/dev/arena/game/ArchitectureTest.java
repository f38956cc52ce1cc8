package dev.arena.game;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.arena.testsupport.LayerRules;
import org.junit.jupiter.api.Test;

/** The game node's classes keep the service layers (test-support's LayerRules), and its simulation is plain Java. */
class ArchitectureTest {

    @Test
    void layersDependDownwardOnly() {
        LayerRules.check("game");
    }

    @Test
    void theSimulationIsPlainJava() {
        classes().that().resideInAPackage("dev.arena.game.simulation..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.arena.model..", "dev.arena.game.simulation..")
                .because("a match is simulated and tested tick by tick without a node, a socket or a store")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.arena.game.simulation"));
    }
}
