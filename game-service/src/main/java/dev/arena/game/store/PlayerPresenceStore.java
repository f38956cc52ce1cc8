package dev.arena.game.store;

import dev.arena.model.keys.RedisKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Keeps connected players online: their {@code player:{id}} hashes get their TTL back while their
 * game socket is open. Their fields (status, room) are the matchmaker's, which it changes on the
 * node's reports.
 */
@ApplicationScoped
public class PlayerPresenceStore {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Redis redis;
    private final RedisKeys keys;

    public PlayerPresenceStore(@ControlPlane ReactiveRedisDataSource redis, RedisKeys keys) {
        this.redis = redis.getRedis();
        this.keys = keys;
    }

    /**
     * Gives connected players' hashes their TTL back in one pipelined round trip (blocking; from the
     * node's chores thread, which also sends the heartbeat: a round trip per player would hold it
     * for seconds with thousands connected).
     */
    public void refresh(Collection<String> playerIds) {
        if (playerIds.isEmpty()) {
            return;
        }
        String ttl = Long.toString(RedisKeys.PLAYER_TTL.toMillis());
        List<Request> expires = new ArrayList<>(playerIds.size());
        for (String id : playerIds) {
            expires.add(Request.cmd(Command.PEXPIRE).arg(keys.player(id)).arg(ttl));
        }
        redis.batch(expires).await().atMost(TIMEOUT);
    }
}
