package dev.arena.game.store;

import dev.arena.model.keys.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import jakarta.enterprise.context.ApplicationScoped;

/** This node's entry in {@code game:nodes} and its heartbeat key, which the matchmaker reads to pick a node. */
@ApplicationScoped
public class NodeRegistryStore {

    private final RedisDataSource redis;
    private final RedisKeys keys;

    public NodeRegistryStore(RedisDataSource redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** {@code SET heartbeat <load> PX 5000} and {@code ZADD game:nodes <players> <node>}. */
    public void announce(String nodeId, int rooms, int players) {
        String load = "{\"rooms\":" + rooms + ",\"players\":" + players + "}";
        redis.value(String.class).set(keys.gameNodeHeartbeat(nodeId), load,
                new SetArgs().px(RedisKeys.NODE_HEARTBEAT_TTL));
        redis.sortedSet(String.class).zadd(keys.gameNodes(), players, nodeId);
    }

    /** Takes the node out of the matchmaker's choice (clean shutdown). */
    public void withdraw(String nodeId) {
        redis.key().del(keys.gameNodeHeartbeat(nodeId));
        redis.sortedSet(String.class).zrem(keys.gameNodes(), nodeId);
    }
}
