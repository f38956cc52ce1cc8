package dev.arena.model.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import org.junit.jupiter.api.Test;

class GameRulesTest {

    @Test
    void defaultsAreTheDesignBriefs() {
        GameRules rules = GameRules.DEFAULTS;
        assertEquals(1600, rules.arenaWidth());
        assertEquals(900, rules.arenaHeight());
        assertEquals(20, rules.playerRadius());
        assertEquals(200, rules.playerSpeed());
        assertEquals(5, rules.projectileRadius());
        assertEquals(600, rules.projectileSpeed());
        assertEquals(1500, rules.projectileLifetimeMs());
        assertEquals(250, rules.fireCooldownMs());
        assertEquals(180_000, rules.matchLengthMs());
        assertEquals(15, rules.tickMs());
        assertEquals(20, rules.sendRateHz());
        assertEquals(3, rules.minPlayers());
        assertEquals(5, rules.maxPlayers());
        assertEquals(66.67, rules.tickRateHz(), 0.005);
    }

    @Test
    void rejectsNonPositiveOrNonFiniteValues() {
        assertProblem("arenaWidth", with("arenaWidth", 0.0));
        assertProblem("arenaHeight", with("arenaHeight", -1.0));
        assertProblem("playerSpeed", with("playerSpeed", Double.NaN));
        assertProblem("projectileSpeed", with("projectileSpeed", Double.POSITIVE_INFINITY));
        assertProblem("projectileLifetimeMs", with("projectileLifetimeMs", 0L));
        assertProblem("tickMs", with("tickMs", 0L));
        assertProblem("matchLengthMs", with("matchLengthMs", -5L));
        assertProblem("sendRateHz", with("sendRateHz", 0.0));
        assertProblem("minPlayers", with("minPlayers", 0));
        assertProblem("fireCooldownMs", with("fireCooldownMs", -1L));
    }

    @Test
    void rejectsInconsistentValues() {
        assertProblem("maxPlayers (2) must be at least minPlayers (3)", with("maxPlayers", 2));
        assertProblem("does not fit", with("playerRadius", 450.0));
        assertProblem("exceeds the tick rate", with("sendRateHz", 100.0));
        assertProblem("one tick", with("matchLengthMs", 10L));
    }

    @Test
    void snapshotsLeaveEveryWholeNumberOfTicks() {
        GameRules rules = GameRules.DEFAULTS;
        assertEquals(3, rules.ticksPerSnapshot());
        assertEquals(1000.0 / 45, rules.snapshotRateHz(), 1e-9);
        GameRules even = rules.withEvenSendRate();
        assertEquals(1000.0 / 45, even.sendRateHz(), 1e-9);
        assertEquals(3, even.ticksPerSnapshot());
        assertEquals(1, with("sendRateHz", 1000.0 / 15).get().ticksPerSnapshot());
        assertEquals(4, with("sendRateHz", 16.0).get().ticksPerSnapshot());
    }

    @Test
    void timingChangesTogetherAndKeepsEverythingElse() {
        // A 60 ms tick allows at most 16.7 Hz: with the default 20 Hz alone it would be refused.
        GameRules slow = GameRules.DEFAULTS.withTiming(60, 10, 30_000);
        assertEquals(60, slow.tickMs());
        assertEquals(10, slow.sendRateHz());
        assertEquals(30_000, slow.matchLengthMs());
        assertEquals(GameRules.DEFAULTS.withTiming(15, 20, 180_000), GameRules.DEFAULTS);
        GameRules shortMatch = GameRules.DEFAULTS.withMatchLengthMs(3_000);
        assertEquals(3_000, shortMatch.matchLengthMs());
        assertEquals(GameRules.DEFAULTS, shortMatch.withMatchLengthMs(GameRules.DEFAULTS.matchLengthMs()));
        assertProblem("exceeds the tick rate", () -> GameRules.DEFAULTS.withTiming(60, 20, 30_000));
    }

    @Test
    void acceptsEdgeValues() {
        assertEquals(0, with("fireCooldownMs", 0L).get().fireCooldownMs());
        assertEquals(3, with("maxPlayers", 3).get().maxPlayers());
        assertEquals(1000.0 / 15, with("sendRateHz", 1000.0 / 15).get().sendRateHz());
    }

    private static void assertProblem(String expected, Attempt attempt) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, attempt::get);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @FunctionalInterface
    private interface Attempt {
        GameRules get();
    }

    /** The defaults with one component replaced, built through the canonical constructor. */
    private static Attempt with(String component, Object value) {
        return () -> {
            RecordComponent[] components = GameRules.class.getRecordComponents();
            Object[] args = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            boolean found = false;
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                try {
                    args[i] = components[i].getAccessor().invoke(GameRules.DEFAULTS);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
                if (components[i].getName().equals(component)) {
                    args[i] = value;
                    found = true;
                }
            }
            assertTrue(found, "no component " + component);
            try {
                Constructor<GameRules> constructor = GameRules.class.getDeclaredConstructor(types);
                return constructor.newInstance(args);
            } catch (InvocationTargetException e) {
                throw (RuntimeException) e.getCause();
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        };
    }
}
