package dev.arena.game.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arena.model.rules.GameRules;
import org.junit.jupiter.api.Test;

/** The rules of DESIGN.md, checked tick by tick. */
class MatchSimulationTest {

    private static final GameRules RULES = GameRules.DEFAULTS;
    private static final double EPSILON = 1e-9;

    @Test
    void movesAtPlayerSpeedAndClampsToTheArena() {
        MatchSimulation match = new MatchSimulation(RULES, 1);
        int a = match.join("a");
        match.restore("a", 100, 100, 0, 0);
        match.input(a, 1, false, false, false, true, 0, false);
        steps(match, 100); // 1.5 s at 200 units/s
        assertEquals(400, match.x(a), EPSILON);
        assertEquals(100, match.y(a), EPSILON);

        match.input(a, 2, false, false, false, true, 0, false);
        steps(match, 1000);
        assertEquals(RULES.arenaWidth() - RULES.playerRadius(), match.x(a), EPSILON);
    }

    @Test
    void diagonalsAreNotFaster() {
        MatchSimulation match = new MatchSimulation(RULES, 1);
        int a = match.join("a");
        match.restore("a", 400, 400, 0, 0);
        match.input(a, 1, false, true, false, true, 0, false);
        steps(match, 10);
        double travelled = Math.hypot(match.x(a) - 400, match.y(a) - 400);
        assertEquals(RULES.playerSpeed() * 0.15, travelled, 1e-6);
    }

    @Test
    void olderOrRepeatedInputsAreIgnoredAndTheLatestIsAcked() {
        MatchSimulation match = new MatchSimulation(RULES, 1);
        int a = match.join("a");
        assertTrue(match.input(a, 5, false, false, false, true, 0, false));
        assertFalse(match.input(a, 4, false, false, true, false, 0, false));
        assertFalse(match.input(a, 5, false, false, true, false, 0, false));
        assertEquals(5, match.lastSeq(a));
        double before = match.x(a);
        match.step();
        assertTrue(match.x(a) > before, "the newer input (right) still holds");
    }

    @Test
    void fireRespectsTheCooldownAndProjectilesExpire() {
        MatchSimulation match = new MatchSimulation(RULES, 1);
        int a = match.join("a");
        match.restore("a", 20, 450, 0, 0);
        match.input(a, 1, false, false, false, false, 0, true); // fire right along the arena, held
        steps(match, 67); // about one second: shots at ticks 0, 17, 34, 51
        assertEquals(4, match.projectileCount());

        match.input(a, 2, false, false, false, false, 0, false);
        long lifetimeTicks = RULES.projectileLifetimeMs() / RULES.tickMs();
        steps(match, (int) lifetimeTicks + 1);
        assertEquals(0, match.projectileCount(), "every shot expired or left the arena");
    }

    @Test
    void aHitScoresForTheShooterAndRespawnsTheVictim() {
        MatchSimulation match = new MatchSimulation(RULES, 7);
        int shooter = match.join("shooter");
        int victim = match.join("victim");
        match.restore("shooter", 100, 450, 0, 0);
        match.restore("victim", 300, 450, 0, 0);
        match.input(shooter, 1, false, false, false, false, 0, true);
        int ticks = 0;
        while (match.score(shooter) == 0 && ticks++ < 100) {
            match.step();
            if (match.hitCount() > 0) {
                assertEquals(shooter, match.hitShooter(0));
                assertEquals(victim, match.hitVictim(0));
            }
        }
        assertEquals(1, match.score(shooter));
        assertEquals(1, match.hitsTaken(victim));
        assertNotEquals(300, match.x(victim), "the victim respawned elsewhere");
        assertTrue(ticks < 30, "a 600 units/s shot covers 200 units in about 20 ticks, took " + ticks);
    }

    @Test
    void aShooterNeverHitsThemself() {
        MatchSimulation match = new MatchSimulation(RULES, 1);
        int a = match.join("a");
        match.input(a, 1, false, false, false, false, 1.0, true);
        steps(match, 200);
        assertEquals(0, match.score(a));
        assertEquals(0, match.hitsTaken(a));
    }

    @Test
    void theMatchEndsAfterItsLength() {
        GameRules shortMatch = GameRules.DEFAULTS.withMatchLengthMs(3000);
        MatchSimulation match = new MatchSimulation(shortMatch, 1);
        match.join("a");
        steps(match, 199);
        assertFalse(match.isOver());
        assertEquals(15, match.remainingMs());
        match.step();
        assertTrue(match.isOver());
        long tick = match.tick();
        match.step();
        assertEquals(tick, match.tick(), "an ended match does not advance");
    }

    @Test
    void aPlayerWhoLeavesAndComesBackKeepsPositionAndScore() {
        MatchSimulation match = new MatchSimulation(RULES, 1);
        int a = match.join("a");
        match.restore("a", 500, 500, 3, 0);
        match.leave(a);
        steps(match, 10);
        assertEquals(a, match.join("a"));
        assertEquals(500, match.x(a), EPSILON);
        assertEquals(3, match.score(a));
    }

    @Test
    void aRestoreBringsBackPositionScoreAndHitsTaken() {
        MatchSimulation match = new MatchSimulation(RULES, 1);
        int a = match.restore("a", 123.5, 456.25, 7, 2);
        assertEquals(123.5, match.x(a), EPSILON);
        assertEquals(456.25, match.y(a), EPSILON);
        assertEquals(7, match.score(a));
        assertEquals(2, match.hitsTaken(a));
    }

    @Test
    void aRejoinStartsANewInputSequence() {
        MatchSimulation match = new MatchSimulation(RULES, 1);
        int a = match.join("a");
        assertTrue(match.input(a, 40, false, false, false, true, 0, false));
        match.leave(a);
        assertEquals(a, match.join("a"));
        assertEquals(0, match.lastSeq(a));
        assertTrue(match.input(a, 1, false, false, true, false, 0, false), "the new connection's first input counts");
    }

    @Test
    void aFullMatchTakesNoMorePlayers() {
        MatchSimulation match = new MatchSimulation(RULES, 1);
        for (int i = 0; i < RULES.maxPlayers(); i++) {
            assertEquals(i, match.join("p" + i));
        }
        assertEquals(MatchSimulation.NO_SLOT, match.join("one-too-many"));
    }

    @Test
    void spawnsAreInsideTheArenaAndApart() {
        MatchSimulation match = new MatchSimulation(RULES, 42);
        for (int i = 0; i < RULES.maxPlayers(); i++) {
            match.join("p" + i);
        }
        for (int i = 0; i < match.slotCount(); i++) {
            assertTrue(match.x(i) >= RULES.playerRadius() && match.x(i) <= RULES.arenaWidth() - RULES.playerRadius());
            assertTrue(match.y(i) >= RULES.playerRadius() && match.y(i) <= RULES.arenaHeight() - RULES.playerRadius());
            for (int j = 0; j < i; j++) {
                assertTrue(Math.hypot(match.x(i) - match.x(j), match.y(i) - match.y(j)) > 2 * RULES.playerRadius());
            }
        }
    }

    @Test
    void theSameSeedAndInputsGiveTheSameMatch() {
        assertEquals(play(99), play(99));
        assertNotEquals(play(99), play(100));
    }

    private static String play(long seed) {
        MatchSimulation match = new MatchSimulation(RULES, seed);
        for (int i = 0; i < 4; i++) {
            match.join("p" + i);
        }
        for (int t = 0; t < 2000; t++) {
            int slot = t % 4;
            match.input(slot, t + 1, t % 7 == 0, t % 5 == 0, t % 3 == 0, t % 2 == 0, (t % 628) / 100.0, t % 11 < 6);
            match.step();
        }
        StringBuilder state = new StringBuilder();
        for (int i = 0; i < match.slotCount(); i++) {
            state.append(match.x(i)).append(',').append(match.y(i)).append(',').append(match.score(i)).append(';');
        }
        return state.append(match.projectileCount()).toString();
    }

    private static void steps(MatchSimulation match, int count) {
        for (int i = 0; i < count; i++) {
            match.step();
        }
    }
}
