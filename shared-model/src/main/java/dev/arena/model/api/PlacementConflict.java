package dev.arena.model.api;

/**
 * The 409 body when a player who is already queued, in a room or in a match asks to play again:
 * an {@link ApiError} plus where the player is, so the client can go back there.
 */
public record PlacementConflict(String code, String message, Placement placement) {}
