package dev.arena.model.events;

import java.util.Map;
import java.util.Objects;

/**
 * An entry of the {@code lobby:joins} stream: a player joined or left the queue, or asks to leave
 * their room. The lobby writes it (in the same Lua step that changes the queue); matchmakers read
 * it with a consumer group. A leave that names a room is a request: the lobby never changes a
 * room, the matchmaker takes the player out (unless the match started) and tells them and the
 * room. A reset is an operator's leave that takes the player out of any room, even a running one.
 */
public record LobbyEvent(Type type, String playerId, long at, String roomId) {

    /** What happened. */
    public enum Type {
        JOIN("join"),
        LEAVE("leave"),
        RESET("reset");

        private final String wire;

        Type(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        static Type fromWire(String wire) {
            for (Type type : values()) {
                if (type.wire.equals(wire)) {
                    return type;
                }
            }
            throw new IllegalArgumentException("unknown lobby event type '" + wire + "'");
        }
    }

    /** Stream field names; the Lua scripts that XADD use the same. */
    public static final String TYPE_FIELD = "type";
    public static final String PLAYER_FIELD = "player";
    public static final String AT_FIELD = "at";
    public static final String ROOM_FIELD = "room";

    public LobbyEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(playerId, "playerId");
    }

    /** Whether the matchmaker has to take the player out of a room: a leave that names one, or a reset. */
    public boolean leavesRoom() {
        return type == Type.RESET || type == Type.LEAVE && roomId != null;
    }

    /** An event that names no room: every join, and a leave from the queue. */
    public LobbyEvent(Type type, String playerId, long at) {
        this(type, playerId, at, null);
    }

    /** Reads a stream entry; throws IllegalArgumentException for an entry this version cannot read. */
    public static LobbyEvent fromFields(Map<String, String> fields) {
        String type = fields.get(TYPE_FIELD);
        String player = fields.get(PLAYER_FIELD);
        String at = fields.get(AT_FIELD);
        if (type == null || player == null || at == null) {
            throw new IllegalArgumentException("lobby event misses a field: " + fields.keySet());
        }
        return new LobbyEvent(Type.fromWire(type), player, Long.parseLong(at), fields.get(ROOM_FIELD));
    }

    public Map<String, String> toFields() {
        return roomId == null
                ? Map.of(TYPE_FIELD, type.wire(), PLAYER_FIELD, playerId, AT_FIELD, Long.toString(at))
                : Map.of(TYPE_FIELD, type.wire(), PLAYER_FIELD, playerId, AT_FIELD, Long.toString(at), ROOM_FIELD, roomId);
    }
}
