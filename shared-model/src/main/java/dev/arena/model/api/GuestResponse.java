package dev.arena.model.api;

import dev.arena.model.protocol.PlayerInfo;

/** Answer of {@code POST /lobby/api/guest}: the signed token, the player it names, and its expiry (epoch seconds, like the JWT's {@code exp}). */
public record GuestResponse(String token, PlayerInfo player, long expiresAt) {}
