package dev.arena.matchmaker.support;

import dev.arena.model.codec.MessageCodec;
import dev.arena.model.events.NodeEvent;
import dev.arena.model.events.NodeLoad;
import dev.arena.model.keys.RedisKeys;
import dev.arena.model.keys.RoomFields;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import java.time.Duration;
import java.util.Map;

/**
 * Stands in for a game node as docs/matchmaking.md describes one: heartbeat with its load and
 * capacity, and reports about the rooms granted to it (built from the grant the room's hash holds).
 */
public final class TestGameNode {

    /** A capacity no test reaches. */
    public static final int ROOMY = 10_000;

    private final RedisDataSource redis;
    private final RedisKeys keys;
    private final MessageCodec codec = new MessageCodec();

    public TestGameNode(RedisDataSource redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** Announces {@code nodeId} alive with {@code load} players and room for many more. */
    public void announce(String nodeId, int load) {
        announce(nodeId, load, ROOMY);
    }

    /** Announces {@code nodeId} alive with {@code load} players (heartbeat key plus game:nodes) and {@code capacity}. */
    public void announce(String nodeId, int load, int capacity) {
        redis.value(String.class).set(keys.gameNodeHeartbeat(nodeId), codec.encode(new NodeLoad(0, load, capacity)),
                new SetArgs().px(Duration.ofMinutes(1).toMillis()));
        redis.sortedSet(String.class).zadd(keys.gameNodes(), load, nodeId);
    }

    /** A node that is listed but whose heartbeat is gone (dead). */
    public void announceDead(String nodeId, int load) {
        redis.sortedSet(String.class).zadd(keys.gameNodes(), load, nodeId);
        redis.key().del(keys.gameNodeHeartbeat(nodeId));
    }

    /** The report that the room runs on the node it was granted to, under its current grant. */
    public NodeEvent running(String roomId) {
        Grant grant = grant(roomId);
        return NodeEvent.running(roomId, grant.node, grant.epoch, System.currentTimeMillis() + 60_000);
    }

    /** The report that the player reached the room's node. */
    public NodeEvent arrived(String roomId, String playerId) {
        Grant grant = grant(roomId);
        return NodeEvent.arrived(roomId, grant.node, grant.epoch, playerId);
    }

    /** The report that the room's arrivals are settled: {@code arrived} came, the other members did not. */
    public NodeEvent settled(String roomId, java.util.List<String> arrived) {
        Grant grant = grant(roomId);
        return NodeEvent.settled(roomId, grant.node, grant.epoch, arrived);
    }

    /** The report that the room's match ended. */
    public NodeEvent ended(String roomId) {
        Grant grant = grant(roomId);
        return NodeEvent.ended(roomId, grant.node, grant.epoch);
    }

    /** Appends reports to game:events, where the running matchmaker reads them. */
    public void report(NodeEvent... reports) {
        for (NodeEvent report : reports) {
            redis.stream(String.class).xadd(keys.gameEvents(), report.toFields());
        }
    }

    /** The node's load in game:nodes. */
    public Double load(String nodeId) {
        java.util.OptionalDouble score = redis.sortedSet(String.class).zscore(keys.gameNodes(), nodeId);
        return score.isPresent() ? score.getAsDouble() : null;
    }

    private record Grant(String node, long epoch) {}

    private Grant grant(String roomId) {
        Map<String, String> room = redis.hash(String.class).hgetall(keys.room(roomId));
        String epoch = room.get(RoomFields.EPOCH);
        return new Grant(room.getOrDefault(RoomFields.NODE, ""), epoch == null ? 0 : Long.parseLong(epoch));
    }
}
