package dev.arena.lobby.domain;

import dev.arena.model.state.PlayerStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Leaves from a room that wait for the matchmaker's answer: it takes the player out (the room is
 * its own) and tells them with a {@code queue.status} notice, which every lobby instance receives,
 * so the instance that took the request can answer it whichever instance holds the socket.
 */
@ApplicationScoped
public class LeaveConfirmations {

    private final ConcurrentMap<String, CompletableFuture<PlayerStatus>> pending = new ConcurrentHashMap<>();

    /** Registers a wait for the player's next status from the matchmaker; before the request is sent, so no answer slips by. */
    public CompletableFuture<PlayerStatus> expect(String playerId) {
        return pending.computeIfAbsent(playerId, id -> new CompletableFuture<>());
    }

    /** The matchmaker told the player their status: completes whoever waits for it. */
    public void heard(String playerId, PlayerStatus status) {
        CompletableFuture<PlayerStatus> waiting = pending.remove(playerId);
        if (waiting != null) {
            waiting.complete(status);
        }
    }

    /** Drops a wait that ended another way (no room to leave, a timeout), so nothing is held for a player who never hears. */
    public void forget(String playerId, CompletableFuture<PlayerStatus> waiting) {
        pending.remove(playerId, waiting);
    }
}
