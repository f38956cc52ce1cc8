package dev.arena.lobby.transport;

import dev.arena.lobby.config.LobbyConfig;
import dev.arena.lobby.domain.QueueMetrics;
import dev.arena.lobby.store.PresenceStore;
import dev.arena.model.codes.CloseCode;
import dev.arena.model.state.PlayerStatus;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The lobby sockets this instance holds, one per player (the newest wins, here and across lobby
 * instances through each socket's sequence number), and the status each was last told. Kept by
 * presence slice and with the queued players apart, so that each tick of the status round reads
 * its own few players instead of walking every socket held ten times a second, a cost that grows
 * with the sockets and not with the work.
 */
@ApplicationScoped
public class LobbyConnections {

    /** A socket's sequence number ({@link PresenceStore#NEW_SOCKET} until its first presence refresh numbered it). */
    private static final UserData.TypedKey<AtomicLong> SEQ = new UserData.TypedKey<>("seq");

    private final Map<String, WebSocketConnection> byPlayer = new ConcurrentHashMap<>();
    private final Map<String, PlayerStatus> lastStatus = new ConcurrentHashMap<>();
    // Both changed only inside a compute of the player's entry in byPlayer or lastStatus, so they
    // agree with those maps even when two event loops change one player at once.
    private final List<Set<String>> bySlice = new ArrayList<>();
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final QueueMetrics metrics;

    @Inject
    public LobbyConnections(QueueMetrics metrics, LobbyConfig config) {
        this(metrics, config.presenceSlices());
    }

    LobbyConnections(QueueMetrics metrics, int presenceSlices) {
        this.metrics = metrics;
        for (int i = 0; i < presenceSlices; i++) {
            bySlice.add(ConcurrentHashMap.newKeySet());
        }
    }

    /** Makes {@code connection} the player's socket here; returns the older one it replaces, if any. */
    public Optional<WebSocketConnection> register(String playerId, WebSocketConnection connection) {
        connection.userData().put(SEQ, new AtomicLong(PresenceStore.NEW_SOCKET));
        WebSocketConnection[] older = new WebSocketConnection[1];
        byPlayer.compute(playerId, (id, current) -> {
            older[0] = current;
            slice(id).add(id);
            return connection;
        });
        forgetStatus(playerId);
        metrics.sockets(byPlayer.size());
        return Optional.ofNullable(older[0]).filter(c -> c != connection);
    }

    /** Forgets {@code connection}; false when it had been replaced already (then the player is still online). */
    public boolean unregister(String playerId, WebSocketConnection connection) {
        boolean[] current = new boolean[1];
        byPlayer.computeIfPresent(playerId, (id, held) -> {
            if (held != connection) {
                return held;
            }
            current[0] = true;
            slice(id).remove(id);
            return null;
        });
        if (current[0]) {
            forgetStatus(playerId);
        }
        metrics.sockets(byPlayer.size());
        return current[0];
    }

    /** Closes a socket the player's newer one replaced (here, or on another lobby instance) with {@code 4009}. */
    public static void closeReplaced(WebSocketConnection older) {
        older.close(new CloseReason(CloseCode.REPLACED, "replaced by a newer lobby socket"))
                .subscribe().with(ignored -> {}, failure -> {});
    }

    /**
     * Records the sequence number a presence refresh gave a socket just opened, if it is still held
     * here. The open's refresh and a status round may both number it: the higher number is the one
     * Redis kept, and a socket that kept the lower one would find itself replaced by itself.
     */
    public void numbered(PresenceStore.Online numbered) {
        stillHeld(numbered).ifPresent(connection -> connection.userData().get(SEQ).accumulateAndGet(numbered.seq(), Math::max));
    }

    /** Closes the socket a presence refresh found replaced by a newer one of its player, if it is still held here. */
    public void replaced(PresenceStore.Online online) {
        stillHeld(online).ifPresent(LobbyConnections::closeReplaced);
    }

    // The socket a presence refresh reported on, unless a newer one of the player took its place here meanwhile.
    private Optional<WebSocketConnection> stillHeld(PresenceStore.Online online) {
        return of(online.playerId()).filter(connection -> connection.id().equals(online.sid()));
    }

    public Optional<WebSocketConnection> of(String playerId) {
        return Optional.ofNullable(byPlayer.get(playerId)).filter(WebSocketConnection::isOpen);
    }

    /**
     * The sockets held, as of now, of the players in presence slice {@code slice} (of
     * {@link LobbyConfig#presenceSlices()}) and of the players last told {@code queued} that
     * {@code queuedToo} accepts, with what each was last told (null if nothing yet) and their
     * socket ids (the {@code sid} marker).
     */
    public List<PresenceStore.Online> online(int slice, Predicate<String> queuedToo) {
        Set<String> players = new LinkedHashSet<>(bySlice.get(slice));
        queued.forEach(player -> {
            if (queuedToo.test(player)) {
                players.add(player);
            }
        });
        List<PresenceStore.Online> online = new ArrayList<>(players.size());
        for (String player : players) {
            WebSocketConnection connection = byPlayer.get(player);
            if (connection != null) {
                online.add(new PresenceStore.Online(player, connection.id(), connection.userData().get(SEQ).get(),
                        lastStatus.get(player)));
            }
        }
        return online;
    }

    /**
     * Records {@code now} as what the player was told, only if they were last told {@code before}
     * (atomically: the socket's own replies may change it on another event loop); true if it did.
     */
    public boolean toldInstead(String playerId, PlayerStatus before, PlayerStatus now) {
        boolean[] replaced = new boolean[1];
        lastStatus.computeIfPresent(playerId, (id, told) -> {
            if (told != before) {
                return told;
            }
            replaced[0] = true;
            return tracked(id, now);
        });
        return replaced[0];
    }

    /**
     * Records what the player was last told, only while their socket is held here; returns the
     * status told before (null if none). Recorded inside the player's entry of the registry, so an
     * unregister on another event loop cannot slip in between and leave a stale status behind.
     */
    public PlayerStatus told(String playerId, PlayerStatus status) {
        PlayerStatus[] before = new PlayerStatus[1];
        byPlayer.computeIfPresent(playerId, (id, connection) -> {
            lastStatus.compute(id, (ignored, told) -> {
                before[0] = told;
                return tracked(id, status);
            });
            return connection;
        });
        return before[0];
    }

    private void forgetStatus(String playerId) {
        lastStatus.compute(playerId, (id, told) -> tracked(id, null));
    }

    // Keeps the queued set in step with lastStatus; called inside a compute of the player's entry.
    private PlayerStatus tracked(String playerId, PlayerStatus status) {
        if (status == PlayerStatus.QUEUED) {
            queued.add(playerId);
        } else {
            queued.remove(playerId);
        }
        return status;
    }

    private Set<String> slice(String playerId) {
        return bySlice.get(Math.floorMod(playerId.hashCode(), bySlice.size()));
    }
}
