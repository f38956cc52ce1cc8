package dev.arena.lobby.store;

import dev.arena.model.keys.PlayerFields;
import dev.arena.model.keys.RedisKeys;
import dev.arena.model.state.PlayerStatus;
import dev.arena.service.redis.LuaScript;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Operator figures about the queue: length and oldest entry cheaply, counts per status by a bounded SCAN. */
@ApplicationScoped
public class QueueStatsStore {

    /** The queue's length and the oldest enqueue time (null when empty). */
    public record Head(long length, Long oldestEnqueuedAt) {}

    /** Players per status among the hashes visited; {@code complete} is false when the scan stopped at its limit. */
    public record StatusCounts(Map<PlayerStatus, Long> counts, long visited, boolean complete) {}

    private static final int SCAN_COUNT = 500;
    private static final LuaScript SCAN = LuaScript.load("lua/scan_shard.lua");

    private final Redis redis;
    private final RedisKeys keys;

    public QueueStatsStore(Redis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    public Uni<Head> head() {
        return redis.batch(List.of(
                        Request.cmd(Command.ZCARD).arg(keys.playersQueue()),
                        Request.cmd(Command.ZRANGE).arg(keys.playersQueue()).arg(0).arg(0).arg("WITHSCORES")))
                .map(replies -> {
                    Response oldest = replies.get(1);
                    // RESP2 gives [member, score]; RESP3 gives [[member, score]].
                    Long at = null;
                    if (oldest.size() > 0) {
                        Response score = oldest.get(0).type() == ResponseType.MULTI ? oldest.get(0).get(1) : oldest.get(1);
                        at = score.toDouble().longValue();
                    }
                    return new Head(replies.get(0).toLong(), at);
                });
    }

    /**
     * Counts the shard's player hashes by status with SCAN (never KEYS, which blocks Redis), visiting
     * at most {@code limit} hashes. Exact counters would need every writer (lobby, matchmaker, game
     * node) to keep them; a bounded scan is good enough for an operator's view.
     */
    public Uni<StatusCounts> countByStatus(int limit) {
        Map<PlayerStatus, Long> counts = new EnumMap<>(PlayerStatus.class);
        for (PlayerStatus status : PlayerStatus.values()) {
            counts.put(status, 0L);
        }
        return scan("0", limit, counts, 0);
    }

    private Uni<StatusCounts> scan(String cursor, int limit, Map<PlayerStatus, Long> counts, long visited) {
        // Through a script: a Redis Cluster runs it on the node of the shard's slot (a bare SCAN could go to any node).
        Uni<Response> step = SCAN.run(redis, List.of(keys.playersQueue()),
                List.of(cursor, keys.tag() + ":player:*", Integer.toString(SCAN_COUNT)));
        return step.chain(reply -> {
            String next = reply.get(0).toString();
            List<Request> reads = new ArrayList<>();
            reply.get(1).forEach(key -> reads.add(Request.cmd(Command.HGET).arg(key.toString()).arg(PlayerFields.STATUS)));
            Uni<Long> counted = reads.isEmpty() ? Uni.createFrom().item(0L) : redis.batch(reads).map(statuses -> {
                for (Response status : statuses) {
                    PlayerStatus parsed = status == null ? PlayerStatus.IDLE
                            : PlayerStatus.fromWire(status.toString()).orElse(PlayerStatus.IDLE);
                    counts.merge(parsed, 1L, Long::sum);
                }
                return (long) statuses.size();
            });
            return counted.chain(n -> {
                long total = visited + n;
                boolean done = "0".equals(next);
                if (done || total >= limit) {
                    return Uni.createFrom().item(new StatusCounts(counts, total, done));
                }
                return scan(next, limit, counts, total);
            });
        });
    }
}
