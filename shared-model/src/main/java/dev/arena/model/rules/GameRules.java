package dev.arena.model.rules;

/**
 * The game's constants, identical on every node and sent to clients in {@code start} so client
 * prediction uses the same numbers. Distances are in arena units, speeds in units per second.
 */
public record GameRules(
        double arenaWidth,
        double arenaHeight,
        double playerRadius,
        double playerSpeed,
        double projectileRadius,
        double projectileSpeed,
        long projectileLifetimeMs,
        long fireCooldownMs,
        long matchLengthMs,
        long tickMs,
        double sendRateHz,
        int minPlayers,
        int maxPlayers) {

    /** The defaults of the design brief: 1600 × 900 arena, 15 ms tick (66.67 Hz), 20 Hz sends, 3 to 5 players. */
    public static final GameRules DEFAULTS =
            new GameRules(1600, 900, 20, 200, 5, 600, 1500, 250, 180_000, 15, 20, 3, 5);

    public GameRules {
        positive("arenaWidth", arenaWidth);
        positive("arenaHeight", arenaHeight);
        positive("playerRadius", playerRadius);
        positive("playerSpeed", playerSpeed);
        positive("projectileRadius", projectileRadius);
        positive("projectileSpeed", projectileSpeed);
        positive("projectileLifetimeMs", projectileLifetimeMs);
        if (fireCooldownMs < 0) {
            throw new IllegalArgumentException("fireCooldownMs must not be negative, got " + fireCooldownMs);
        }
        positive("tickMs", tickMs);
        positive("matchLengthMs", matchLengthMs);
        positive("sendRateHz", sendRateHz);
        positive("minPlayers", minPlayers);
        if (maxPlayers < minPlayers) {
            throw new IllegalArgumentException(
                    "maxPlayers (" + maxPlayers + ") must be at least minPlayers (" + minPlayers + ")");
        }
        // A player must fit in the arena, or spawning has no free spot at all.
        if (2 * playerRadius >= Math.min(arenaWidth, arenaHeight)) {
            throw new IllegalArgumentException("playerRadius " + playerRadius + " does not fit in the arena");
        }
        if (matchLengthMs < tickMs) {
            throw new IllegalArgumentException("matchLengthMs must be at least one tick (" + tickMs + " ms)");
        }
        // Sending faster than the simulation steps would only repeat snapshots.
        if (sendRateHz > 1000.0 / tickMs) {
            throw new IllegalArgumentException(
                    "sendRateHz " + sendRateHz + " exceeds the tick rate " + (1000.0 / tickMs) + " Hz");
        }
    }

    /** Simulation steps per second: 1000 / {@code tickMs} (66.67 Hz by default). */
    public double tickRateHz() {
        return 1000.0 / tickMs;
    }

    /**
     * Ticks from one snapshot to the next: the send rate rounded to a whole number of ticks, so
     * snapshots leave at one even interval a client can rely on (20 Hz asked on a 15 ms tick would
     * alternate 45 and 60 ms; it is every 3rd tick, 45 ms).
     */
    public int ticksPerSnapshot() {
        return Math.max(1, (int) Math.round(tickRateHz() / sendRateHz));
    }

    /** The rate snapshots really leave at: the tick rate over {@link #ticksPerSnapshot()} (22.2 Hz for 20 asked on a 15 ms tick). */
    public double snapshotRateHz() {
        return tickRateHz() / ticksPerSnapshot();
    }

    /** These rules with {@code sendRateHz} the rate snapshots really leave at ({@link #snapshotRateHz()}), as clients are told. */
    public GameRules withEvenSendRate() {
        return withTiming(tickMs, snapshotRateHz(), matchLengthMs);
    }

    /** These rules with matches of {@code matchLengthMs}. */
    public GameRules withMatchLengthMs(long matchLengthMs) {
        return withTiming(tickMs, sendRateHz, matchLengthMs);
    }

    /**
     * These rules with another tick, send rate and match length, set together: each is checked
     * against the others (a send rate above the tick rate is refused), so one at a time could
     * refuse a valid combination on the way.
     */
    public GameRules withTiming(long tickMs, double sendRateHz, long matchLengthMs) {
        return new GameRules(arenaWidth, arenaHeight, playerRadius, playerSpeed, projectileRadius, projectileSpeed,
                projectileLifetimeMs, fireCooldownMs, matchLengthMs, tickMs, sendRateHz, minPlayers, maxPlayers);
    }

    private static void positive(String name, double value) {
        // The negated form also rejects NaN.
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a positive finite number, got " + value);
        }
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
