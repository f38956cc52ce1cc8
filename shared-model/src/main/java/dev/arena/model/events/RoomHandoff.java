package dev.arena.model.events;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An entry of a game node's {@code game:node:{id}:rooms} stream: the matchmaker hands a started
 * room and its members to the node. A stream, so a node that restarts still finds its rooms.
 */
public record RoomHandoff(String roomId, List<String> players, long at) {

    public static final String ROOM_FIELD = "room";
    public static final String PLAYERS_FIELD = "players";
    public static final String AT_FIELD = "at";

    public RoomHandoff {
        players = List.copyOf(players);
    }

    public static RoomHandoff fromFields(Map<String, String> fields) {
        String room = fields.get(ROOM_FIELD);
        String players = fields.get(PLAYERS_FIELD);
        String at = fields.get(AT_FIELD);
        if (room == null || players == null || at == null) {
            throw new IllegalArgumentException("room handoff misses a field: " + fields.keySet());
        }
        return new RoomHandoff(room, players.isEmpty() ? List.of() : Arrays.asList(players.split(",")), Long.parseLong(at));
    }

    /** Player ids joined by commas (ids never contain one, see RedisKeys). */
    public Map<String, String> toFields() {
        return Map.of(ROOM_FIELD, roomId, PLAYERS_FIELD, String.join(",", players), AT_FIELD, Long.toString(at));
    }
}
