package dev.arena.game.domain;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rooms running on this node. Lookups (sockets, admin) go through a concurrent map; the tick
 * iterates a plain array that is rebuilt on the rare add or remove, so a tick allocates nothing.
 */
@ApplicationScoped
public class RoomRegistry {

    private static final Room[] NONE = new Room[0];

    private final Map<String, Room> byId = new ConcurrentHashMap<>();
    /** Socket upgrades that came before their room, by room id; guarded by this. */
    private final Map<String, List<CompletableFuture<Room>>> awaited = new HashMap<>();
    private final GameMetrics metrics;
    private volatile Room[] rooms = NONE;

    public RoomRegistry(GameMetrics metrics) {
        this.metrics = metrics;
    }

    /** Adds a room unless one with its id runs already, and hands it to the upgrades awaiting it; returns whether it was added. */
    public boolean add(Room room) {
        List<CompletableFuture<Room>> waiters;
        synchronized (this) {
            if (byId.putIfAbsent(room.id(), room) != null) {
                return false;
            }
            rebuild();
            waiters = awaited.remove(room.id());
        }
        if (waiters != null) {
            waiters.forEach(waiter -> waiter.complete(room)); // outside the lock: they continue the upgrades
        }
        return true;
    }

    /**
     * The room once it runs here: at once when it does, else when this node takes it from its
     * stream (a player's upgrade can beat the handoff). Nothing polls; the caller bounds the wait
     * and then calls {@link #stopAwaiting}.
     */
    public synchronized CompletableFuture<Room> arrival(String roomId) {
        Room room = byId.get(roomId);
        if (room != null) {
            return CompletableFuture.completedFuture(room);
        }
        CompletableFuture<Room> waiter = new CompletableFuture<>();
        awaited.computeIfAbsent(roomId, id -> new ArrayList<>()).add(waiter);
        return waiter;
    }

    /** Forgets a wait that ended (the room came, or the caller gave up). */
    public synchronized void stopAwaiting(String roomId, CompletableFuture<Room> waiter) {
        List<CompletableFuture<Room>> waiters = awaited.get(roomId);
        if (waiters != null && waiters.remove(waiter) && waiters.isEmpty()) {
            awaited.remove(roomId);
        }
    }

    public synchronized void remove(Room room) {
        if (byId.remove(room.id(), room)) {
            rebuild();
        }
    }

    private void rebuild() {
        rooms = byId.values().toArray(NONE);
        metrics.rooms(rooms.length);
    }

    public Optional<Room> find(String roomId) {
        return Optional.ofNullable(byId.get(roomId));
    }

    /** The rooms as of now; the array must not be modified. */
    public Room[] all() {
        return rooms;
    }

    /** Members of all rooms: the node's load as the matchmaker counts it. */
    public int players() {
        int players = 0;
        for (Room room : rooms) {
            players += room.memberCount();
        }
        return players;
    }
}
