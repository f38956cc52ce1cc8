package dev.arena.model.events;

import dev.arena.model.codec.MessageCodec;
import dev.arena.model.protocol.Colors;
import dev.arena.model.protocol.PlayerInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An entry of a game node's {@code game:node:{id}:rooms} stream: the matchmaker grants a started
 * room to the node with everything the node needs to run it, so the node reads no {@code room:*}
 * or {@code player:*} hash. A stream, so a node that restarts still finds its rooms.
 *
 * @param roomId the room, which is also the match (its match id is derived from it)
 * @param epoch the grant's number: each grant of the room to a node increments it, and every
 *     report the node makes about the room carries it, so a report of an older grant is ignored
 * @param at when the matchmaker granted the room (epoch ms, Redis' clock)
 * @param resume whether the room ran before (on this or another node): restore it from its
 *     snapshot instead of starting a fresh match
 * @param arrivalTimeoutMs how long the members have to reach the node, counted by the node from
 *     when it runs the room; the node then reports who came ({@link NodeEvent.Type#SETTLED})
 * @param roster the members with their names and colors, in the order the matchmaker listed them
 */
public record RoomHandoff(String roomId, long epoch, long at, boolean resume, long arrivalTimeoutMs, List<PlayerInfo> roster) {

    public static final String ROOM_FIELD = "room";
    public static final String EPOCH_FIELD = "epoch";
    public static final String AT_FIELD = "at";
    public static final String RESUME_FIELD = "resume";
    public static final String ARRIVAL_TIMEOUT_FIELD = "arrival_ms";
    /** A {@link RosterJson}: {@code {"members":[[id, name, colors JSON], ...]}}; start.lua writes it with cjson. */
    public static final String ROSTER_FIELD = "roster";

    /** The roster field's JSON: one {@code [id, name, colors JSON]} triple per member, name and colors empty when unknown. */
    public record RosterJson(String[][] members) {}

    public RoomHandoff {
        roster = List.copyOf(roster);
    }

    /** The member ids, in roster order. */
    public List<String> players() {
        return roster.stream().map(PlayerInfo::id).toList();
    }

    /**
     * Reads a stream entry; a member whose record had expired when the room was granted (empty
     * name or colors) gets {@link PlayerInfo#withFallbacks}. Throws IllegalArgumentException for
     * an entry this version cannot read.
     */
    public static RoomHandoff fromFields(Map<String, String> fields, MessageCodec codec) {
        String room = fields.get(ROOM_FIELD);
        String epoch = fields.get(EPOCH_FIELD);
        String at = fields.get(AT_FIELD);
        String roster = fields.get(ROSTER_FIELD);
        String arrival = fields.get(ARRIVAL_TIMEOUT_FIELD);
        if (room == null || epoch == null || at == null || roster == null || arrival == null) {
            throw new IllegalArgumentException("room handoff misses a field: " + fields.keySet());
        }
        String[][] members;
        try {
            members = codec.decode(roster, RosterJson.class).members();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("room handoff has an unreadable roster: " + e.getMessage(), e);
        }
        if (members == null || members.length == 0) {
            throw new IllegalArgumentException("room handoff has no members");
        }
        List<PlayerInfo> infos = new ArrayList<>(members.length);
        for (String[] member : members) {
            if (member == null || member.length != 3) {
                throw new IllegalArgumentException("room handoff roster entry is not [id, name, colors]");
            }
            infos.add(PlayerInfo.withFallbacks(member[0], member[1], colors(member[2], codec)));
        }
        return new RoomHandoff(room, Long.parseLong(epoch), Long.parseLong(at), "1".equals(fields.get(RESUME_FIELD)),
                Long.parseLong(arrival), infos);
    }

    /** The entry's fields, as start.lua writes them (tests and tools that hand rooms over themselves). */
    public Map<String, String> toFields(MessageCodec codec) {
        String[][] members = new String[roster.size()][];
        for (int i = 0; i < members.length; i++) {
            PlayerInfo member = roster.get(i);
            members[i] = new String[] {member.id(), member.name(), codec.encode(member.colors())};
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(ROOM_FIELD, roomId);
        fields.put(EPOCH_FIELD, Long.toString(epoch));
        fields.put(AT_FIELD, Long.toString(at));
        fields.put(RESUME_FIELD, resume ? "1" : "0");
        fields.put(ARRIVAL_TIMEOUT_FIELD, Long.toString(arrivalTimeoutMs));
        fields.put(ROSTER_FIELD, codec.encode(new RosterJson(members)));
        return fields;
    }

    private static Colors colors(String json, MessageCodec codec) {
        if (json == null || json.isEmpty()) {
            return null;
        }
        try {
            return codec.decode(json, Colors.class);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
