package dev.arena.matchmaker.domain;

import dev.arena.model.events.NodeLoad;

/**
 * A game node as the matchmaker sees it, for operators.
 *
 * @param nodeId the node's id
 * @param grantedPlayers players of the rooms granted to it and not ended (its score in {@code game:nodes})
 * @param grantedRooms rooms granted to it and not ended, dissolved or moved
 * @param heartbeatTtlMs how long its heartbeat has left; null when it lapsed (the node counts as dead)
 * @param load what its last heartbeat said it runs and can take; null when it lapsed
 * @param lost its heartbeat lapsed while it had rooms, which wait for another node
 */
public record GameNodeSummary(String nodeId, long grantedPlayers, long grantedRooms, Long heartbeatTtlMs, NodeLoad load,
        boolean lost) {

    /** Whether the node's heartbeat is current. */
    public boolean alive() {
        return heartbeatTtlMs != null;
    }
}
