package dev.arena.matchmaker.support;

import dev.arena.model.events.LobbyEvent;
import dev.arena.testsupport.ShardKeys;
import dev.arena.model.keys.PlayerFields;
import dev.arena.model.keys.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import java.util.Map;
import java.util.UUID;

/** Plays the lobby: the Redis commands docs/matchmaking.md says enqueue.lua runs, and reads of player records. */
public final class TestLobby {

    private final RedisDataSource redis;
    private final RedisKeys keys;

    public TestLobby(RedisDataSource redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** Queues a new player at {@code at} (epoch ms) and appends their join event; returns the id. */
    public String enqueue(long at) {
        String id = UUID.randomUUID().toString();
        enqueue(id, at);
        return id;
    }

    /** Queues {@code id} at {@code at}: ZADD queue, HSET player, PEXPIRE, XADD join. */
    public void enqueue(String id, long at) {
        store(id, at);
        redis.stream(String.class).xadd(keys.lobbyJoins(), new LobbyEvent(LobbyEvent.Type.JOIN, id, at).toFields());
    }

    /** Queues {@code id} without a join event (for calling the scripts directly). */
    public void store(String id, long at) {
        redis.sortedSet(String.class).zadd(keys.playersQueue(), at, id);
        redis.hash(String.class).hset(keys.player(id), Map.of(PlayerFields.STATUS, "queued",
                PlayerFields.NAME, "P" + id.substring(0, 4),
                PlayerFields.COLORS, "{\"primary\":\"#ff0000\",\"secondary\":\"#00ff00\"}",
                PlayerFields.JOINED_TIMESTAMP, Long.toString(at)));
        redis.key().pexpire(keys.player(id), RedisKeys.PLAYER_TTL.toMillis());
    }

    /** The player's record. */
    public Map<String, String> player(String id) {
        return redis.hash(String.class).hgetall(keys.player(id));
    }

    /** The player's score in the queue (enqueue time), or null. */
    public Double queuedAt(String id) {
        return score(keys.playersQueue(), id);
    }

    /** A member's score in a sorted set, or null. */
    public Double score(String key, String member) {
        java.util.OptionalDouble score = redis.sortedSet(String.class).zscore(key, member);
        return score.isPresent() ? score.getAsDouble() : null;
    }

    /** The room's hash. */
    public Map<String, String> room(String roomId) {
        return redis.hash(String.class).hgetall(keys.room(roomId));
    }

    /** The room's members. */
    public java.util.Set<String> members(String roomId) {
        return redis.set(String.class).smembers(keys.roomPlayers(roomId));
    }

    /** Deletes every key of this shard (never FLUSHDB: the database is shared). */
    public void cleanUp() {
        ShardKeys.deleteAll(redis, keys);
    }
}
