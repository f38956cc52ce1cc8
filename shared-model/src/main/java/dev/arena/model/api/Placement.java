package dev.arena.model.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.arena.model.state.PlayerStatus;

/**
 * Where a player is in the journey, so a client can go back there: idle, queued (since when),
 * in a room, or in a match (with the node and the game socket path).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Placement(PlayerStatus status, String roomId, String nodeId, String url, Long queuedAt) {

    public static final Placement IDLE = new Placement(PlayerStatus.IDLE, null, null, null, null);
}
