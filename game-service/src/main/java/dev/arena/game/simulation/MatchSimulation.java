package dev.arena.game.simulation;

import dev.arena.model.rules.GameRules;
import java.util.SplittableRandom;

/**
 * The authoritative simulation of one match: players, projectiles, hits and the match clock,
 * stepped one fixed tick at a time by its caller. Plain Java with no I/O and no framework, so a
 * match can be tested tick by tick and benchmarked; deterministic for the same seed and inputs.
 *
 * <p>State lives in parallel primitive arrays sized at construction: a step allocates nothing.
 * Not thread-safe: one thread at a time owns a match (the room's tick).
 */
public final class MatchSimulation {

    /** Slot index meaning "no such player". */
    public static final int NO_SLOT = -1;

    private static final int SPAWN_ATTEMPTS = 32;

    private final GameRules rules;
    private final SplittableRandom random;
    private final double stepSeconds;
    private final long cooldownTicks;
    private final long lifetimeTicks;
    private final long endTick;
    private final double hitDistanceSquared;

    // Players, one slot each; a slot stays assigned to its player for the whole match so that a
    // player who drops and comes back finds their position and score.
    private final String[] ids;
    private final boolean[] present;
    private final double[] x;
    private final double[] y;
    private final double[] aim;
    private final int[] score;
    private final int[] hitsTaken;
    private final long[] lastSeq;
    private final int[] moveX;
    private final int[] moveY;
    private final boolean[] firing;
    private final long[] nextFireTick;
    private int slotCount;

    // Projectiles, packed in [0, projectileCount): removal swaps the last one in.
    private final long[] projectileId;
    private final int[] projectileOwner;
    private final double[] projectileX;
    private final double[] projectileY;
    private final double[] projectileVx;
    private final double[] projectileVy;
    private final long[] projectileExpiresTick;
    private int projectileCount;
    private long nextProjectileId = 1;

    // Hits of the last step, for the caller to persist score changes.
    private final int[] hitShooter;
    private final int[] hitVictim;
    private int hitCount;

    private long tick;

    public MatchSimulation(GameRules rules, long seed) {
        this.rules = rules;
        this.random = new SplittableRandom(seed);
        this.stepSeconds = rules.tickMs() / 1000.0;
        this.cooldownTicks = ceilDiv(rules.fireCooldownMs(), rules.tickMs());
        this.lifetimeTicks = ceilDiv(rules.projectileLifetimeMs(), rules.tickMs());
        this.endTick = ceilDiv(rules.matchLengthMs(), rules.tickMs());
        double reach = rules.playerRadius() + rules.projectileRadius();
        this.hitDistanceSquared = reach * reach;

        int players = rules.maxPlayers();
        ids = new String[players];
        present = new boolean[players];
        x = new double[players];
        y = new double[players];
        aim = new double[players];
        score = new int[players];
        hitsTaken = new int[players];
        lastSeq = new long[players];
        moveX = new int[players];
        moveY = new int[players];
        firing = new boolean[players];
        nextFireTick = new long[players];

        // Each player has at most lifetime / cooldown shots in flight.
        int projectiles = players * (int) (lifetimeTicks / Math.max(1, cooldownTicks) + 1);
        projectileId = new long[projectiles];
        projectileOwner = new int[projectiles];
        projectileX = new double[projectiles];
        projectileY = new double[projectiles];
        projectileVx = new double[projectiles];
        projectileVy = new double[projectiles];
        projectileExpiresTick = new long[projectiles];
        hitShooter = new int[projectiles];
        hitVictim = new int[projectiles];
    }

    /**
     * Puts a player into the match at a random free spot, or back into their old slot (same
     * position and score) if they were here before. Returns the slot, or {@link #NO_SLOT} when
     * the match is full. A (re)join starts a new connection, whose input sequence numbers start
     * afresh: the last applied sequence goes back to 0.
     */
    public int join(String playerId) {
        int slot = slotOf(playerId);
        if (slot == NO_SLOT) {
            if (slotCount == ids.length) {
                return NO_SLOT;
            }
            slot = slotCount++;
            ids[slot] = playerId;
            spawn(slot);
        }
        present[slot] = true;
        lastSeq[slot] = 0;
        return slot;
    }

    /** Puts a player back at a stored position, score and hits taken (restore after a crash). */
    public int restore(String playerId, double atX, double atY, int points, int hits) {
        int slot = join(playerId);
        if (slot != NO_SLOT) {
            x[slot] = clamp(atX, rules.playerRadius(), rules.arenaWidth() - rules.playerRadius());
            y[slot] = clamp(atY, rules.playerRadius(), rules.arenaHeight() - rules.playerRadius());
            score[slot] = Math.max(0, points);
            hitsTaken[slot] = Math.max(0, hits);
        }
        return slot;
    }

    /** Takes a player out of play; their slot keeps position and score for a return. */
    public void leave(int slot) {
        present[slot] = false;
        moveX[slot] = 0;
        moveY[slot] = 0;
        firing[slot] = false;
    }

    /**
     * Records a player's input; it holds until the next one. An input older than the last one
     * applied (a reordered or repeated frame) is ignored. Returns whether it was taken.
     */
    public boolean input(int slot, long seq, boolean up, boolean down, boolean left, boolean right, double aimRadians, boolean fire) {
        if (!present[slot] || seq <= lastSeq[slot]) {
            return false;
        }
        lastSeq[slot] = seq;
        moveX[slot] = (right ? 1 : 0) - (left ? 1 : 0);
        moveY[slot] = (down ? 1 : 0) - (up ? 1 : 0);
        aim[slot] = aimRadians;
        firing[slot] = fire;
        return true;
    }

    /** Advances the match by one tick; does nothing once the match is over. */
    public void step() {
        hitCount = 0;
        if (isOver()) {
            return;
        }
        movePlayers();
        fire();
        moveProjectiles();
        tick++;
    }

    private void movePlayers() {
        double distance = rules.playerSpeed() * stepSeconds;
        double radius = rules.playerRadius();
        for (int slot = 0; slot < slotCount; slot++) {
            int dx = moveX[slot];
            int dy = moveY[slot];
            if (!present[slot] || (dx == 0 && dy == 0)) {
                continue;
            }
            // Diagonals are not faster than straight lines.
            double scale = (dx != 0 && dy != 0) ? distance * Math.sqrt(0.5) : distance;
            x[slot] = clamp(x[slot] + dx * scale, radius, rules.arenaWidth() - radius);
            y[slot] = clamp(y[slot] + dy * scale, radius, rules.arenaHeight() - radius);
        }
    }

    private void fire() {
        double muzzle = rules.playerRadius() + rules.projectileRadius();
        for (int slot = 0; slot < slotCount; slot++) {
            if (!present[slot] || !firing[slot] || tick < nextFireTick[slot] || projectileCount == projectileId.length) {
                continue;
            }
            double cos = Math.cos(aim[slot]);
            double sin = Math.sin(aim[slot]);
            int p = projectileCount++;
            projectileId[p] = nextProjectileId++;
            projectileOwner[p] = slot;
            projectileX[p] = x[slot] + cos * muzzle;
            projectileY[p] = y[slot] + sin * muzzle;
            projectileVx[p] = cos * rules.projectileSpeed();
            projectileVy[p] = sin * rules.projectileSpeed();
            projectileExpiresTick[p] = tick + lifetimeTicks;
            nextFireTick[slot] = tick + cooldownTicks;
        }
    }

    private void moveProjectiles() {
        int p = 0;
        while (p < projectileCount) {
            projectileX[p] += projectileVx[p] * stepSeconds;
            projectileY[p] += projectileVy[p] * stepSeconds;
            if (tick >= projectileExpiresTick[p] || outside(p) || hitSomeone(p)) {
                removeProjectile(p);
            } else {
                p++;
            }
        }
    }

    private boolean outside(int p) {
        return projectileX[p] < 0 || projectileY[p] < 0 || projectileX[p] > rules.arenaWidth() || projectileY[p] > rules.arenaHeight();
    }

    private boolean hitSomeone(int p) {
        int owner = projectileOwner[p];
        for (int slot = 0; slot < slotCount; slot++) {
            if (slot == owner || !present[slot]) {
                continue;
            }
            double dx = x[slot] - projectileX[p];
            double dy = y[slot] - projectileY[p];
            if (dx * dx + dy * dy <= hitDistanceSquared) {
                score[owner]++;
                hitsTaken[slot]++;
                hitShooter[hitCount] = owner;
                hitVictim[hitCount] = slot;
                hitCount++;
                spawn(slot);
                return true;
            }
        }
        return false;
    }

    private void removeProjectile(int p) {
        int last = --projectileCount;
        projectileId[p] = projectileId[last];
        projectileOwner[p] = projectileOwner[last];
        projectileX[p] = projectileX[last];
        projectileY[p] = projectileY[last];
        projectileVx[p] = projectileVx[last];
        projectileVy[p] = projectileVy[last];
        projectileExpiresTick[p] = projectileExpiresTick[last];
    }

    /** Places a player at a random spot clear of the others (the best of a few tries). */
    private void spawn(int slot) {
        double radius = rules.playerRadius();
        double clearance = 4 * radius * 4 * radius;
        double bestX = 0;
        double bestY = 0;
        double bestGap = -1;
        for (int attempt = 0; attempt < SPAWN_ATTEMPTS; attempt++) {
            double candidateX = radius + random.nextDouble() * (rules.arenaWidth() - 2 * radius);
            double candidateY = radius + random.nextDouble() * (rules.arenaHeight() - 2 * radius);
            double gap = nearestOtherSquared(slot, candidateX, candidateY);
            if (gap > bestGap) {
                bestGap = gap;
                bestX = candidateX;
                bestY = candidateY;
            }
            if (gap >= clearance) {
                break;
            }
        }
        x[slot] = bestX;
        y[slot] = bestY;
    }

    private double nearestOtherSquared(int slot, double atX, double atY) {
        double nearest = Double.MAX_VALUE;
        for (int other = 0; other < slotCount; other++) {
            if (other != slot && present[other]) {
                double dx = x[other] - atX;
                double dy = y[other] - atY;
                nearest = Math.min(nearest, dx * dx + dy * dy);
            }
        }
        return nearest;
    }

    /** The slot of a player, or {@link #NO_SLOT}. */
    public int slotOf(String playerId) {
        for (int slot = 0; slot < slotCount; slot++) {
            if (ids[slot].equals(playerId)) {
                return slot;
            }
        }
        return NO_SLOT;
    }

    public boolean isOver() {
        return tick >= endTick;
    }

    /** Ticks simulated so far; the match clock is {@code tick * tickMs}. */
    public long tick() {
        return tick;
    }

    /** Milliseconds of play left. */
    public long remainingMs() {
        return Math.max(0, (endTick - tick) * rules.tickMs());
    }

    public GameRules rules() {
        return rules;
    }

    // Read access for snapshots and persistence, by slot in [0, slotCount()).

    public int slotCount() {
        return slotCount;
    }

    public String playerId(int slot) {
        return ids[slot];
    }

    public boolean isPresent(int slot) {
        return present[slot];
    }

    public double x(int slot) {
        return x[slot];
    }

    public double y(int slot) {
        return y[slot];
    }

    public double aim(int slot) {
        return aim[slot];
    }

    public int score(int slot) {
        return score[slot];
    }

    public int hitsTaken(int slot) {
        return hitsTaken[slot];
    }

    /** The sequence number of the last input applied for this player: their ack. */
    public long lastSeq(int slot) {
        return lastSeq[slot];
    }

    // Projectiles in flight, by index in [0, projectileCount()).

    public int projectileCount() {
        return projectileCount;
    }

    public long projectileId(int index) {
        return projectileId[index];
    }

    public String projectileOwner(int index) {
        return ids[projectileOwner[index]];
    }

    /** The slot of the player who fired projectile {@code index}. */
    public int projectileOwnerSlot(int index) {
        return projectileOwner[index];
    }

    public double projectileX(int index) {
        return projectileX[index];
    }

    public double projectileY(int index) {
        return projectileY[index];
    }

    public double projectileVx(int index) {
        return projectileVx[index];
    }

    public double projectileVy(int index) {
        return projectileVy[index];
    }

    // Hits of the last step, by index in [0, hitCount()).

    public int hitCount() {
        return hitCount;
    }

    public int hitShooter(int index) {
        return hitShooter[index];
    }

    public int hitVictim(int index) {
        return hitVictim[index];
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
