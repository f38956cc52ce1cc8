package dev.arena.game.domain;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The game sockets open on this node (socket id → player), for presence refreshes and the connected-players gauge. */
@ApplicationScoped
public class ConnectedPlayers {

    private final Map<String, String> bySocket = new ConcurrentHashMap<>();
    private final GameMetrics metrics;

    public ConnectedPlayers(GameMetrics metrics) {
        this.metrics = metrics;
    }

    public void opened(String socketId, String playerId) {
        if (bySocket.put(socketId, playerId) == null) {
            metrics.connected(1);
        }
    }

    public void closed(String socketId) {
        if (bySocket.remove(socketId) != null) {
            metrics.connected(-1);
        }
    }

    /** Whether no game socket is open on this node. */
    public boolean isEmpty() {
        return bySocket.isEmpty();
    }

    /** The players with at least one open socket, as of now. */
    public Set<String> players() {
        return new HashSet<>(bySocket.values());
    }
}
