package dev.arena.service.health;

import dev.arena.service.config.RequestConfig;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Tells a stalled Redis from a slow request: pings Redis every {@code redis-check-interval} and
 * calls it stalled when a ping has no answer within {@code redis-stall-timeout} (or fails). A slow
 * answer under a crowd is not a stall: requests then wait up to the request deadline; while Redis
 * is stalled they are answered 503 at once (BoundedWait), and readiness is DOWN.
 */
@ApplicationScoped
public class RedisWatch {

    private static final Logger LOG = Logger.getLogger(RedisWatch.class);

    private final Redis redis;
    private final RequestConfig config;
    private final Vertx vertx;
    private final AtomicBoolean pinging = new AtomicBoolean();
    /** Completes when Redis is found stalled; replaced by a fresh one when it answers again. */
    private final AtomicReference<CompletableFuture<Void>> stall = new AtomicReference<>(new CompletableFuture<>());
    private volatile long lastAnswerNanos = System.nanoTime();
    private long timer = -1;

    // A client of its own (the "watch" client, same hosts): a ping that waited in the shared pool's
    // queue behind the requests of an outage would find Redis stalled long after it is back, and a
    // connection held from that pool would be one less for the requests.
    public RedisWatch(@RedisClientName("watch") ReactiveRedisDataSource redis, RequestConfig config, Vertx vertx) {
        this.redis = redis.getRedis();
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(config.redisCheckInterval().toMillis(), id -> check());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Whether Redis is stalled now. */
    public boolean stalled() {
        return stall.get().isDone();
    }

    /** Completes when Redis is (or becomes) stalled; a waiting request races its answer against it. */
    public Uni<Void> whenStalled() {
        // A stage of its own: a waiter that gave up cancels it, never the shared one.
        return Uni.createFrom().completionStage(stall.get().thenApply(stalled -> stalled));
    }

    private void check() {
        // A ping still out is either answered or past the stall timeout: one at a time is enough.
        if (System.nanoTime() - lastAnswerNanos > config.redisStallTimeout().toNanos()) {
            markStalled("no answer to a PING within " + config.redisStallTimeout());
        }
        if (!pinging.compareAndSet(false, true)) {
            return;
        }
        redis.send(Request.cmd(Command.PING))
                .ifNoItem().after(config.redisStallTimeout()).fail()
                .subscribe().with(pong -> {
                    pinging.set(false);
                    lastAnswerNanos = System.nanoTime();
                    markAnswering();
                }, failure -> {
                    pinging.set(false);
                    markStalled(String.valueOf(failure.getMessage()));
                });
    }

    private void markStalled(String reason) {
        if (stall.get().complete(null)) {
            LOG.warnf("Redis is stalled (%s): requests that need it are answered 503 until it answers again", reason);
        }
    }

    private void markAnswering() {
        CompletableFuture<Void> current = stall.get();
        if (current.isDone() && stall.compareAndSet(current, new CompletableFuture<>())) {
            LOG.info("Redis answers again");
        }
    }
}
