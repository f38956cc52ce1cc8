package dev.arena.game.store;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.runtime.datasource.BlockingRedisDataSourceImpl;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.vertx.core.VertxOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The node's control plane to Redis (its heartbeat, room leases, the handoff stream, its reports to
 * the matchmaker, players' presence) on a client of its own, whose connections live on one event
 * loop of their own. The shared event loops carry the game sockets, in proportion to players: on
 * a saturated core a turn of such a loop can take seconds, and a Redis reply read on it arrives
 * after its lease or heartbeat expired, so the matchmaker takes the node's rooms away. A loop that
 * carries only these few round trips answers within the scheduler's latency however busy the
 * sockets are. Same Redis ({@code quarkus.redis.hosts}, {@code quarkus.redis.client-type},
 * {@code quarkus.redis.password}) and timeout as the shared client.
 */
@Singleton
public class ControlPlaneRedis {

    /** A few connections: the announcer, the intake, the reports and the presence refresh each hold at most one at a time. */
    private static final int CONNECTIONS = 4;
    private static final int WAITING = 256;

    private final Vertx vertx;
    private final Redis redis;
    private final ReactiveRedisDataSourceImpl reactive;
    private final BlockingRedisDataSourceImpl blocking;

    public ControlPlaneRedis(@ConfigProperty(name = "quarkus.redis.hosts") List<String> hosts,
            @ConfigProperty(name = "quarkus.redis.client-type", defaultValue = "standalone") String clientType,
            @ConfigProperty(name = "quarkus.redis.password") Optional<String> password,
            @ConfigProperty(name = "quarkus.redis.timeout", defaultValue = "10s") Duration timeout) {
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        RedisOptions options = new RedisOptions().setType(RedisClientType.valueOf(clientType.toUpperCase(Locale.ROOT)))
                .setMaxPoolSize(CONNECTIONS).setMaxPoolWaiting(WAITING);
        hosts.forEach(options::addConnectionString);
        password.ifPresent(options::setPassword);
        this.redis = Redis.createClient(vertx, options);
        this.reactive = new ReactiveRedisDataSourceImpl(vertx, redis, RedisAPI.api(redis));
        this.blocking = new BlockingRedisDataSourceImpl(reactive, timeout);
    }

    @Produces
    @ControlPlane
    Redis redis() {
        return redis;
    }

    @Produces
    @ControlPlane
    ReactiveRedisDataSource reactive() {
        return reactive;
    }

    @Produces
    @ControlPlane
    RedisDataSource blocking() {
        return blocking;
    }

    @PreDestroy
    void close() {
        redis.close();
        vertx.closeAndAwait();
    }
}
