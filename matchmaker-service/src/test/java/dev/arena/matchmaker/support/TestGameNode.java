package dev.arena.matchmaker.support;

import dev.arena.model.keys.PlayerFields;
import dev.arena.model.keys.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;

/** Stands in for a game node as docs/matchmaking.md describes one: heartbeat, load, arrivals. */
public final class TestGameNode {

    private final RedisDataSource redis;
    private final RedisKeys keys;

    public TestGameNode(RedisDataSource redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** Announces {@code nodeId} alive with {@code load} players (heartbeat key plus game:nodes). */
    public void announce(String nodeId, int load) {
        redis.value(String.class).set(keys.gameNodeHeartbeat(nodeId), Integer.toString(load),
                new SetArgs().px(RedisKeys.NODE_HEARTBEAT_TTL.toMillis() * 12));
        redis.sortedSet(String.class).zadd(keys.gameNodes(), load, nodeId);
    }

    /** A node that is listed but whose heartbeat is gone (dead). */
    public void announceDead(String nodeId, int load) {
        redis.sortedSet(String.class).zadd(keys.gameNodes(), load, nodeId);
        redis.key().del(keys.gameNodeHeartbeat(nodeId));
    }

    /** The node reports the player's arrival. */
    public void arrive(String playerId) {
        redis.hash(String.class).hset(keys.player(playerId), PlayerFields.STATUS, "in_game");
    }

    /** The node's load in game:nodes. */
    public Double load(String nodeId) {
        java.util.OptionalDouble score = redis.sortedSet(String.class).zscore(keys.gameNodes(), nodeId);
        return score.isPresent() ? score.getAsDouble() : null;
    }
}
