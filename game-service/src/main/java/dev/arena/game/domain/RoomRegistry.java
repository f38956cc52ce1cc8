package dev.arena.game.domain;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rooms running on this node. Lookups (sockets, admin) go through a concurrent map; the tick
 * iterates a plain array that is rebuilt on the rare add or remove, so a tick allocates nothing.
 */
@ApplicationScoped
public class RoomRegistry {

    private static final Room[] NONE = new Room[0];

    private final Map<String, Room> byId = new ConcurrentHashMap<>();
    private final GameMetrics metrics;
    private volatile Room[] rooms = NONE;

    public RoomRegistry(GameMetrics metrics) {
        this.metrics = metrics;
    }

    /** Adds a room unless one with its id runs already; returns whether it was added. */
    public synchronized boolean add(Room room) {
        if (byId.putIfAbsent(room.id(), room) != null) {
            return false;
        }
        rebuild();
        return true;
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
