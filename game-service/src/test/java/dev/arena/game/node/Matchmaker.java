package dev.arena.game.node;

import dev.arena.model.events.RoomHandoff;
import dev.arena.model.keys.PlayerFields;
import dev.arena.model.keys.RedisKeys;
import dev.arena.model.keys.RoomFields;
import dev.arena.model.state.PlayerStatus;
import dev.arena.model.state.RoomState;
import io.quarkus.redis.datasource.RedisDataSource;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Plays the matchmaker's part of the node contract (docs/matchmaking.md): a started room handed to a node. */
final class Matchmaker {

    private final RedisDataSource redis;
    private final RedisKeys keys;
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

    /** What start.lua leaves behind: the room starting on {@code nodeId}, its members in_room, the handoff on the node's stream. */
    String handOff(String nodeId, List<String> players) {
        return handOff(nodeId, players, "r-" + UUID.randomUUID());
    }

    /** Hands a new room to {@code nodeId} and waits until the node reports it running. */
    String startRoom(String nodeId, List<String> players) throws InterruptedException {
        String roomId = handOff(nodeId, players);
        GameNodeTest.awaitTrue(() -> "running".equals(roomState(roomId)), "room " + roomId + " running");
        return roomId;
    }

    /** The same for a room id chosen by the caller. */
    String handOff(String nodeId, List<String> players, String roomId) {
        long now = System.currentTimeMillis();
        for (int i = 0; i < players.size(); i++) {
            redis.hash(String.class).hset(keys.player(players.get(i)), Map.of(
                    PlayerFields.NAME, "P" + i,
                    PlayerFields.COLORS, "{\"primary\":\"#ff000" + i + "\",\"secondary\":\"#00ff00\"}",
                    PlayerFields.STATUS, PlayerStatus.IN_ROOM.wire(),
                    PlayerFields.ROOM, roomId,
                    PlayerFields.NODE, nodeId));
            redis.key().pexpire(keys.player(players.get(i)), RedisKeys.PLAYER_TTL);
        }
        redis.hash(String.class).hset(keys.room(roomId), Map.of(
                RoomFields.STATE, RoomState.STARTING.wire(), RoomFields.NODE, nodeId, RoomFields.CREATED, Long.toString(now)));
        redis.set(String.class).sadd(keys.roomPlayers(roomId), players.toArray(String[]::new));
        lastEntryId = redis.stream(String.class).xadd(keys.gameNodeRooms(nodeId), new RoomHandoff(roomId, players, now).toFields());
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

    String roomState(String roomId) {
        return redis.hash(String.class).hget(keys.room(roomId), RoomFields.STATE);
    }
}
