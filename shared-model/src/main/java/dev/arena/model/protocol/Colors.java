package dev.arena.model.protocol;

import dev.arena.model.identity.PlayerIdentityRules;

/**
 * A player's two colors, each {@code #rrggbb}. Not validated here, because a request may carry
 * bad ones: the lobby checks them with {@link PlayerIdentityRules#colorProblem(String)}.
 */
public record Colors(String primary, String secondary) {}
