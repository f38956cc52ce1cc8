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
