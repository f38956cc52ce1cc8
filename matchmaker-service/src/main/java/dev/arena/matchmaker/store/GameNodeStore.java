package dev.arena.matchmaker.store;

import dev.arena.matchmaker.domain.GameNodeSummary;
import dev.arena.model.codec.MessageCodec;
import dev.arena.model.events.NodeLoad;
import dev.arena.model.keys.RedisKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads the game nodes for operators: the live ones of {@code game:nodes} and the lost ones, with their heartbeats. */
@ApplicationScoped
public class GameNodeStore {

    // Per node: heartbeat value, its time to live, granted rooms.
    private static final int READS_PER_NODE = 3;

    private final Redis redis;
    private final RedisKeys keys;
    private final MessageCodec codec;

    public GameNodeStore(ReactiveRedisDataSource redis, RedisKeys keys, MessageCodec codec) {
        this.redis = redis.getRedis();
        this.keys = keys;
        this.codec = codec;
    }

    /** Every node that is live or lost, by id: two pipelined round trips whatever their number. */
    public Uni<List<GameNodeSummary>> nodes() {
        return redis.batch(List.of(
                        Request.cmd(Command.ZRANGE).arg(keys.gameNodes()).arg(0).arg(-1).arg("WITHSCORES"),
                        Request.cmd(Command.SMEMBERS).arg(keys.gameNodesLost())))
                .chain(replies -> {
                    Map<String, Long> granted = scores(replies.get(0));
                    Set<String> lost = new TreeSet<>();
                    replies.get(1).forEach(id -> lost.add(id.toString()));
                    Set<String> ids = new TreeSet<>(granted.keySet());
                    ids.addAll(lost);
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(List.<GameNodeSummary>of());
                    }
                    List<Request> reads = new ArrayList<>(ids.size() * READS_PER_NODE);
                    for (String id : ids) {
                        reads.add(Request.cmd(Command.GET).arg(keys.gameNodeHeartbeat(id)));
                        reads.add(Request.cmd(Command.PTTL).arg(keys.gameNodeHeartbeat(id)));
                        reads.add(Request.cmd(Command.SCARD).arg(keys.gameNodeGranted(id)));
                    }
                    return redis.batch(reads).map(values -> {
                        List<GameNodeSummary> nodes = new ArrayList<>(ids.size());
                        int at = 0;
                        for (String id : ids) {
                            Response heartbeat = values.get(at);
                            long ttl = values.get(at + 1).toLong();
                            long rooms = values.get(at + 2).toLong();
                            at += READS_PER_NODE;
                            boolean beating = heartbeat != null && ttl > 0;
                            nodes.add(new GameNodeSummary(id, granted.getOrDefault(id, 0L), rooms, beating ? ttl : null,
                                    beating ? codec.decode(heartbeat.toString(), NodeLoad.class) : null, lost.contains(id)));
                        }
                        return nodes;
                    });
                });
    }

    // RESP2 answers ZRANGE WITHSCORES flat [member, score, ...]; RESP3 as [[member, score], ...].
    private static Map<String, Long> scores(Response reply) {
        Map<String, Long> scores = new LinkedHashMap<>();
        if (reply.size() > 0 && reply.get(0).type() == ResponseType.MULTI) {
            reply.forEach(pair -> scores.put(pair.get(0).toString(), pair.get(1).toDouble().longValue()));
        } else {
            for (int i = 0; i + 1 < reply.size(); i += 2) {
                scores.put(reply.get(i).toString(), reply.get(i + 1).toDouble().longValue());
            }
        }
        return scores;
    }
}
