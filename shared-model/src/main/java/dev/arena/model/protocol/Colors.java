package dev.arena.model.protocol;

/**
 * A player's two colors, each {@code #rrggbb}. Not validated here, because a request may carry
 * bad ones: the lobby checks them with {@link dev.arena.model.identity.PlayerIdentityRules#colorProblem(String)}.
 */
public record Colors(String primary, String secondary) {}
