package dev.arena.game.store;

import dev.arena.model.keys.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/**
 * The node's {@code game:node:{id}:rooms} stream, read with consumer group {@code node} (the
 * node id is the consumer). An entry stays pending while its match runs and is acknowledged when
 * the result is stored, so the pending list is the node's durable list of running rooms: a
 * restarted node reads it first.
 */
@ApplicationScoped
public class RoomHandoffStore {

    private final StreamCommands<String, String, String> streams;
    private final RedisKeys keys;

    public RoomHandoffStore(@ControlPlane RedisDataSource redis, RedisKeys keys) {
        this.streams = redis.stream(String.class);
        this.keys = keys;
    }

    /**
     * Creates the stream and the group if missing ({@code XGROUP CREATE ... 0 MKSTREAM}): from the
     * start, so a handoff written before the group existed is not skipped (stale ones are
     * recognised by the room's hash and acknowledged).
     */
    public void ensureGroup(String nodeId) {
        try {
            streams.xgroupCreate(keys.gameNodeRooms(nodeId), RedisKeys.NODE_GROUP, "0", new XGroupCreateArgs().mkstream());
        } catch (RuntimeException e) {
            if (e.getMessage() == null || !e.getMessage().contains("BUSYGROUP")) {
                throw e;
            }
        }
    }

    /** Entries after {@code afterId} delivered to this node and not yet acknowledged: rooms it was running. */
    public List<StreamMessage<String, String, String>> pending(String nodeId, String afterId, int count) {
        return streams.xreadgroup(RedisKeys.NODE_GROUP, nodeId, keys.gameNodeRooms(nodeId), afterId,
                new XReadGroupArgs().count(count));
    }

    /** New entries, waiting up to {@code block} for one. */
    public List<StreamMessage<String, String, String>> next(String nodeId, int count, Duration block) {
        return streams.xreadgroup(RedisKeys.NODE_GROUP, nodeId, keys.gameNodeRooms(nodeId), ">",
                new XReadGroupArgs().count(count).block(block));
    }

    public void ack(String nodeId, String entryId) {
        streams.xack(keys.gameNodeRooms(nodeId), RedisKeys.NODE_GROUP, entryId);
    }

    /** Acknowledges several entries in one command (a batch's stale or unreadable handoffs). */
    public void ack(String nodeId, List<String> entryIds) {
        if (!entryIds.isEmpty()) {
            streams.xack(keys.gameNodeRooms(nodeId), RedisKeys.NODE_GROUP, entryIds.toArray(String[]::new));
        }
    }
}
