package dev.arena.service.health;

import dev.arena.service.config.RequestConfig;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import jakarta.inject.Singleton;

/** Watches Redis with a PING on the "watch" client (same hosts, one connection, see StoreWatch). */
@Singleton
public class RedisWatch extends StoreWatch {

    private final Redis redis;

    // A client of its own: a ping that waited in the shared pool's queue behind the requests of an
    // outage would find Redis stalled long after it is back, and a connection held from that pool
    // would be one less for the requests. Its one connection is opened by the first ping, on the
    // watch's event loop; the pool opens a new one when it breaks.
    public RedisWatch(@RedisClientName("watch") ReactiveRedisDataSource redis, RequestConfig config, Vertx vertx) {
        super(Store.REDIS, vertx, config);
        this.redis = redis.getRedis().getDelegate();
    }

    @Override
    protected Future<?> ping() {
        return redis.send(Request.cmd(Command.PING));
    }
}
