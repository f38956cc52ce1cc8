package dev.arena.model.events;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An entry of the {@code game:events} stream: a game node reports what happened to a room it was
 * granted. The matchmaker, the only writer of rooms and placements, reads the stream with its
 * consumer group and applies each report (docs/matchmaking.md); the node itself never writes room
 * or placement state. Every report carries the grant's epoch, so one about an older grant of the
 * room (a node that lost it) changes nothing.
 *
 * @param playerId the player, for {@link Type#ARRIVED}; null otherwise
 * @param endsAt when the match ends (epoch ms), for {@link Type#RUNNING}; 0 otherwise
 * @param arrived the members who reached the node, for {@link Type#SETTLED}; empty otherwise
 */
public record NodeEvent(Type type, String roomId, String nodeId, long epoch, String playerId, long endsAt, List<String> arrived) {

    /** What happened; on the wire as the lowercase name ({@code running}, {@code arrived}, ...). */
    public enum Type {
        /** The node runs the room. */
        RUNNING,
        /** A member's game socket was accepted. */
        ARRIVED,
        /**
         * The room's arrivals are settled: every member came, or the arrival window (counted by the
         * node from when it ran the room) is over. The members not listed are no-shows.
         */
        SETTLED,
        /** The match is over and its result stored: the room and its members' placements may go. */
        ENDED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Type fromWire(String wire) {
            try {
                return valueOf(wire.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown node event type '" + wire + "'", e);
            }
        }
    }

    public static final String TYPE_FIELD = "type";
    public static final String ROOM_FIELD = "room";
    public static final String NODE_FIELD = "node";
    public static final String EPOCH_FIELD = "epoch";
    public static final String PLAYER_FIELD = "player";
    public static final String ENDS_AT_FIELD = "ends_at";
    /** Player ids joined by commas (ids never contain one, see RedisKeys). */
    public static final String ARRIVED_FIELD = "arrived";

    public NodeEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(nodeId, "nodeId");
        arrived = List.copyOf(arrived);
    }

    public static NodeEvent running(String roomId, String nodeId, long epoch, long endsAt) {
        return new NodeEvent(Type.RUNNING, roomId, nodeId, epoch, null, endsAt, List.of());
    }

    public static NodeEvent arrived(String roomId, String nodeId, long epoch, String playerId) {
        return new NodeEvent(Type.ARRIVED, roomId, nodeId, epoch, Objects.requireNonNull(playerId, "playerId"), 0, List.of());
    }

    public static NodeEvent settled(String roomId, String nodeId, long epoch, List<String> arrived) {
        return new NodeEvent(Type.SETTLED, roomId, nodeId, epoch, null, 0, arrived);
    }

    public static NodeEvent ended(String roomId, String nodeId, long epoch) {
        return new NodeEvent(Type.ENDED, roomId, nodeId, epoch, null, 0, List.of());
    }

    /** Reads a stream entry; throws IllegalArgumentException for an entry this version cannot read. */
    public static NodeEvent fromFields(Map<String, String> fields) {
        String type = fields.get(TYPE_FIELD);
        String room = fields.get(ROOM_FIELD);
        String node = fields.get(NODE_FIELD);
        String epoch = fields.get(EPOCH_FIELD);
        if (type == null || room == null || node == null || epoch == null) {
            throw new IllegalArgumentException("node event misses a field: " + fields.keySet());
        }
        Type parsed = Type.fromWire(type);
        String player = fields.get(PLAYER_FIELD);
        if (parsed == Type.ARRIVED && player == null) {
            throw new IllegalArgumentException("arrived event names no player");
        }
        String endsAt = fields.get(ENDS_AT_FIELD);
        String arrived = fields.getOrDefault(ARRIVED_FIELD, "");
        return new NodeEvent(parsed, room, node, Long.parseLong(epoch), player, endsAt == null ? 0 : Long.parseLong(endsAt),
                arrived.isEmpty() ? List.of() : Arrays.asList(arrived.split(",")));
    }

    public Map<String, String> toFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(TYPE_FIELD, type.wire());
        fields.put(ROOM_FIELD, roomId);
        fields.put(NODE_FIELD, nodeId);
        fields.put(EPOCH_FIELD, Long.toString(epoch));
        if (playerId != null) {
            fields.put(PLAYER_FIELD, playerId);
        }
        if (endsAt > 0) {
            fields.put(ENDS_AT_FIELD, Long.toString(endsAt));
        }
        if (type == Type.SETTLED) {
            fields.put(ARRIVED_FIELD, String.join(",", arrived));
        }
        return fields;
    }
}
