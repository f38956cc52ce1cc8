package dev.arena.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.freeze.FreezingArchRule;
import java.util.List;
import java.util.stream.Stream;

/**
 * The layers of a service (README, "Modules"), checked on its compiled classes with ArchUnit:
 * {@code transport} (REST, sockets, background workers that talk to the outside) on top, then
 * {@code domain}, {@code store} (Redis, PostgreSQL) and {@code config}. What each rule protects is
 * in its {@code because}. One rule is frozen: the transport classes that reach a store directly
 * today are listed in the module's {@code src/test/archunit} store, and only those may; a new one
 * fails, and a fixed one leaves the list.
 */
public final class LayerRules {

    private static final List<String> SERVICES = List.of("lobby", "matchmaker", "game");

    private LayerRules() {}

    /** Checks every layer rule on the main classes of {@code dev.arena.<service>}. */
    public static void check(String service) {
        String root = "dev.arena." + service;
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root);
        rules(service, root).forEach(rule -> rule.check(classes));
    }

    private static List<ArchRule> rules(String service, String root) {
        String transport = root + ".transport..";
        String domain = root + ".domain..";
        String store = root + ".store..";
        String config = root + ".config..";
        String[] otherServices = SERVICES.stream().filter(other -> !other.equals(service))
                .map(other -> "dev.arena." + other + "..").toArray(String[]::new);
        return Stream.of(
                noClasses().that().resideOutsideOfPackage(transport)
                        .should().dependOnClassesThat().resideInAPackage(transport)
                        .because("the domain and the stores must work without a socket or a request: they are tested that way"),
                noClasses().that().resideInAPackage(config)
                        .should().dependOnClassesThat().resideInAnyPackage(transport, domain, store)
                        .because("settings are read by every layer and depend on none"),
                noClasses().that().resideInAPackage(root + "..")
                        .should().dependOnClassesThat().resideInAnyPackage(otherServices)
                        .because("services share only shared-model and service-common; each is deployed alone"),
                FreezingArchRule.freeze(noClasses().that().resideInAPackage(transport)
                        .should().dependOnClassesThat().resideInAPackage(store)
                        .because("a request or a frame reaches the stores through the domain, where the rules live")))
                .map(ArchRule.class::cast)
                .toList();
    }
}
