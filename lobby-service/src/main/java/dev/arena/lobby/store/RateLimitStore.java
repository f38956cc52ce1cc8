package dev.arena.lobby.store;

import dev.arena.model.keys.RedisKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/** Fixed-window counters in Redis, shared by every lobby instance: {@code <tag>:ratelimit:<bucket>:<client>}. */
@ApplicationScoped
public class RateLimitStore {

    /** The outcome of one hit: allowed, and when the window ends (ms from now). */
    public record Hit(boolean allowed, long resetsInMs) {

        /** Whole seconds until the window ends, at least 1: what a Retry-After says. */
        public long retryAfterSeconds() {
            return Math.max(1, (resetsInMs + 999) / 1000);
        }
    }

    private final Redis redis;
    private final RedisKeys keys;

    public RateLimitStore(Redis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /**
     * Counts one request of {@code client} in {@code bucket}; the first one of a window starts its TTL
     * ({@code PEXPIRE NX}, in the same pipeline, so a counter never outlives its window).
     */
    public Uni<Hit> hit(String bucket, String client, int limit, Duration window) {
        String key = keys.keyPrefix() + "ratelimit:" + bucket + ":" + client;
        return redis.batch(List.of(
                        Request.cmd(Command.INCR).arg(key),
                        Request.cmd(Command.PEXPIRE).arg(key).arg(window.toMillis()).arg("NX"),
                        Request.cmd(Command.PTTL).arg(key)))
                .map(replies -> {
                    long count = replies.get(0).toLong();
                    long ttl = replies.get(2).toLong();
                    return new Hit(count <= limit, ttl > 0 ? ttl : window.toMillis());
                });
    }
}
