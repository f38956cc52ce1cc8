package dev.arena.lobby.store;

import dev.arena.model.state.PlayerStatus;

/** What {@code player:{id}} says about where a player is; {@code room}, {@code node} and {@code joinedAt} may be null. */
public record PlayerRecord(PlayerStatus status, String room, String node, Long joinedAt) {

    /** From the stored strings; an unknown or missing status reads as idle, empty strings as absent. */
    static PlayerRecord of(String status, String room, String node, String joinedAt) {
        return new PlayerRecord(
                status == null ? PlayerStatus.IDLE : PlayerStatus.fromWire(status).orElse(PlayerStatus.IDLE),
                blankToNull(room), blankToNull(node),
                joinedAt == null || joinedAt.isEmpty() ? null : Long.valueOf(joinedAt));
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
