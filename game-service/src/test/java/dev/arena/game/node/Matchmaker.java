package dev.arena.game.node;

import dev.arena.model.codec.MessageCodec;
import dev.arena.model.events.NodeEvent;
import dev.arena.model.events.RoomHandoff;
import dev.arena.model.keys.PlayerFields;
import dev.arena.model.keys.RedisKeys;
import dev.arena.model.keys.RoomFields;
import dev.arena.model.protocol.Colors;
import dev.arena.model.protocol.PlayerInfo;
import dev.arena.model.state.PlayerStatus;
import dev.arena.model.state.RoomState;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Plays the matchmaker's part of the node contract (docs/matchmaking.md): grants a room to a node
 * as start.lua does, and reads the reports the node appends to {@code game:events}.
 */
final class Matchmaker {

    /** The epoch of a room's first grant. */
    static final long EPOCH = 1;
    /** The arrival window a handoff gives (the matchmaker's default). */
    static final long ARRIVAL_TIMEOUT_MS = 15_000;

    private final RedisDataSource redis;
    private final RedisKeys keys;
    private final MessageCodec codec = new MessageCodec();
    /** The stream entry of the last handoff. */
    String lastEntryId;

    Matchmaker(RedisDataSource redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** Fresh player ids (UUIDs, as the lobby issues). */
    static List<String> players(int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> UUID.randomUUID().toString()).toList();
    }

    /** The roster start.lua writes into a handoff: member {@code i} is named {@code P<i>}. */
    static List<PlayerInfo> roster(List<String> players) {
        List<PlayerInfo> roster = new ArrayList<>(players.size());
        for (int i = 0; i < players.size(); i++) {
            roster.add(new PlayerInfo(players.get(i), "P" + i, new Colors("#ff000" + i, "#00ff00")));
        }
        return roster;
    }

    /** What start.lua leaves behind: the room starting on {@code nodeId}, its members in_room, the handoff on the node's stream. */
    String handOff(String nodeId, List<String> players) {
        return handOff(nodeId, players, "r-" + UUID.randomUUID());
    }

    /** Hands a new room to {@code nodeId}, waits for the node's report that it runs and applies it. */
    String startRoom(String nodeId, List<String> players) throws InterruptedException {
        String roomId = handOff(nodeId, players);
        GameNodeTest.awaitTrue(() -> reported(NodeEvent.running(roomId, nodeId, EPOCH, 0)), "room " + roomId + " reported running");
        redis.hash(String.class).hset(keys.room(roomId), RoomFields.STATE, RoomState.RUNNING.wire());
        return roomId;
    }

    /** The same for a room id chosen by the caller. */
    String handOff(String nodeId, List<String> players, String roomId) {
        long now = System.currentTimeMillis();
        for (String player : players) {
            redis.hash(String.class).hset(keys.player(player), Map.of(
                    PlayerFields.STATUS, PlayerStatus.IN_ROOM.wire(), PlayerFields.ROOM, roomId, PlayerFields.NODE, nodeId));
            redis.key().pexpire(keys.player(player), RedisKeys.PLAYER_TTL);
        }
        redis.hash(String.class).hset(keys.room(roomId), Map.of(RoomFields.STATE, RoomState.STARTING.wire(),
                RoomFields.NODE, nodeId, RoomFields.CREATED, Long.toString(now), RoomFields.EPOCH, Long.toString(EPOCH)));
        redis.set(String.class).sadd(keys.roomPlayers(roomId), players.toArray(String[]::new));
        lastEntryId = redis.stream(String.class).xadd(keys.gameNodeRooms(nodeId),
                new RoomHandoff(roomId, EPOCH, now, false, ARRIVAL_TIMEOUT_MS, roster(players)).toFields(codec));
        return roomId;
    }

    /** What arrival.lua does when too few members arrived in time: the room goes back to waiting with those who came. */
    void revertToWaiting(String roomId, List<String> arrived) {
        redis.hash(String.class).hset(keys.room(roomId), RoomFields.STATE, RoomState.WAITING.wire());
        redis.hash(String.class).hdel(keys.room(roomId), RoomFields.NODE, RoomFields.COUNTDOWN_DEADLINE);
        for (String player : arrived) {
            redis.hash(String.class).hset(keys.player(player), PlayerFields.STATUS, PlayerStatus.IN_ROOM.wire());
            redis.hash(String.class).hdel(keys.player(player), PlayerFields.NODE);
        }
    }

    /**
     * Whether the node reported {@code expected} on {@code game:events} (type, room, node, epoch,
     * the player of an arrival, the arrived of a settlement in any order; a running report's end
     * time is not compared).
     */
    boolean reported(NodeEvent expected) {
        return reports().stream().anyMatch(report -> report.type() == expected.type() && report.roomId().equals(expected.roomId())
                && report.nodeId().equals(expected.nodeId()) && report.epoch() == expected.epoch()
                && java.util.Objects.equals(report.playerId(), expected.playerId())
                && java.util.Set.copyOf(report.arrived()).equals(java.util.Set.copyOf(expected.arrived())));
    }

    /** Every report on {@code game:events}, oldest first. */
    List<NodeEvent> reports() {
        return redis.stream(String.class).xrange(keys.gameEvents(), StreamRange.of("-", "+")).stream()
                .map(entry -> NodeEvent.fromFields(entry.payload())).toList();
    }

    String roomState(String roomId) {
        return redis.hash(String.class).hget(keys.room(roomId), RoomFields.STATE);
    }
}
