package dev.arena.lobby.transport;

import dev.arena.lobby.domain.QueueMetrics;
import dev.arena.lobby.store.PresenceStore;
import dev.arena.model.state.PlayerStatus;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;

/** The lobby sockets this instance holds, one per player (the newest wins), and the status each was last told. */
@ApplicationScoped
public class LobbyConnections {

    private final Map<String, WebSocketConnection> byPlayer = new ConcurrentHashMap<>();
    private final Map<String, PlayerStatus> lastStatus = new ConcurrentHashMap<>();
    private final QueueMetrics metrics;

    public LobbyConnections(QueueMetrics metrics) {
        this.metrics = metrics;
    }

    /** Makes {@code connection} the player's socket here; returns the older one it replaces, if any. */
    public Optional<WebSocketConnection> register(String playerId, WebSocketConnection connection) {
        WebSocketConnection older = byPlayer.put(playerId, connection);
        lastStatus.remove(playerId);
        metrics.sockets(byPlayer.size());
        return Optional.ofNullable(older).filter(c -> c != connection);
    }

    /** Forgets {@code connection}; false when it had been replaced already (then the player is still online). */
    public boolean unregister(String playerId, WebSocketConnection connection) {
        boolean current = byPlayer.remove(playerId, connection);
        if (current) {
            lastStatus.remove(playerId);
        }
        metrics.sockets(byPlayer.size());
        return current;
    }

    public Optional<WebSocketConnection> of(String playerId) {
        return Optional.ofNullable(byPlayer.get(playerId)).filter(WebSocketConnection::isOpen);
    }

    /**
     * The sockets held, as of now, of the players {@code wanted} accepts (given the player and what
     * they were last told, null if nothing yet), with their socket ids (the {@code sid} marker).
     */
    public List<PresenceStore.Online> online(BiPredicate<String, PlayerStatus> wanted) {
        List<PresenceStore.Online> online = new ArrayList<>();
        byPlayer.forEach((player, connection) -> {
            PlayerStatus lastTold = lastStatus.get(player);
            if (wanted.test(player, lastTold)) {
                online.add(new PresenceStore.Online(player, connection.id(), lastTold));
            }
        });
        return online;
    }

    /**
     * Records {@code now} as what the player was told, only if they were last told {@code before}
     * (atomically: the socket's own replies may change it on another event loop); true if it did.
     */
    public boolean toldInstead(String playerId, PlayerStatus before, PlayerStatus now) {
        return lastStatus.replace(playerId, before, now);
    }

    /** Records what the player was last told; returns the status told before (null if none). */
    public PlayerStatus told(String playerId, PlayerStatus status) {
        return byPlayer.containsKey(playerId) ? lastStatus.put(playerId, status) : null;
    }
}
