package dev.arena.game.store;

import dev.arena.model.codec.MessageCodec;
import dev.arena.model.events.NodeLoad;
import dev.arena.model.keys.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.sortedset.ZAddArgs;
import io.quarkus.redis.datasource.value.SetArgs;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * This node's heartbeat key (its {@link NodeLoad}, capacity included) and its entry in
 * {@code game:nodes}, which the matchmaker reads to pick a node with room to spare.
 */
@ApplicationScoped
public class NodeRegistryStore {

    private final RedisDataSource redis;
    private final RedisKeys keys;
    private final MessageCodec codec;

    public NodeRegistryStore(@ControlPlane RedisDataSource redis, RedisKeys keys, MessageCodec codec) {
        this.redis = redis;
        this.keys = keys;
        this.codec = codec;
    }

    /**
     * {@code SET heartbeat <load JSON> PX <ttl>} and {@code ZADD game:nodes GT <players> <node>}: the
     * matchmaker counts the players it grants and the node gives back; the node only adds itself
     * and raises a count below what it runs (a count lost while the node was pruned as dead).
     */
    public void announce(String nodeId, NodeLoad load, Duration ttl) {
        redis.value(String.class).set(keys.gameNodeHeartbeat(nodeId), codec.encode(load), new SetArgs().px(ttl));
        redis.sortedSet(String.class).zadd(keys.gameNodes(), new ZAddArgs().gt(), load.players(), nodeId);
    }

    /**
     * Takes the node out of the matchmaker's choice (clean shutdown): without its heartbeat it gets
     * no new room, and the matchmaker's next node check prunes it from {@code game:nodes} and gives
     * its rooms to live nodes, as for a node that died (which only the matchmaker may decide).
     */
    public void withdraw(String nodeId) {
        redis.key().del(keys.gameNodeHeartbeat(nodeId));
    }
}
