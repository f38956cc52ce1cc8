package dev.arena.game.store;

import dev.arena.game.config.GameConfig;
import dev.arena.model.events.NodeEvent;
import dev.arena.model.keys.RedisKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the node reports what happens to its rooms: the {@code game:events} stream, which the
 * matchmaker (the only writer of rooms and placements) consumes. Appending is the node's whole
 * part; it never writes a room's or a player's placement itself.
 */
@ApplicationScoped
public class NodeEventStore {

    private final Redis redis;
    private final String stream;
    private final String maxLength;

    public NodeEventStore(@ControlPlane ReactiveRedisDataSource redis, RedisKeys keys, GameConfig config) {
        this.redis = redis.getRedis();
        this.stream = keys.gameEvents();
        this.maxLength = Long.toString(config.eventsMaxLength());
    }

    /** Appends one report; non-blocking (a socket's arrival). */
    public Uni<Void> report(NodeEvent event) {
        return redis.send(append(event)).replaceWithVoid();
    }

    /** Appends reports in one pipelined round trip, in this order. */
    public Uni<Void> report(List<NodeEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Request> appends = new ArrayList<>(events.size());
        events.forEach(event -> appends.add(append(event)));
        return redis.batch(appends).replaceWithVoid();
    }

    private Request append(NodeEvent event) {
        Request xadd = Request.cmd(Command.XADD).arg(stream).arg("MAXLEN").arg("~").arg(maxLength).arg("*");
        for (Map.Entry<String, String> field : event.toFields().entrySet()) {
            xadd.arg(field.getKey()).arg(field.getValue());
        }
        return xadd;
    }
}
