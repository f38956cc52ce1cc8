package dev.arena.game.node;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Redis client for preparing state before the service under test starts, when no Quarkus client
 * exists yet: the tests' Redis as their configuration names it ({@code ARENA_TEST_REDIS_URL},
 * database 1 by default; a Redis Cluster with {@code ARENA_REDIS_CLIENT_TYPE=cluster}).
 */
final class RedisScript implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 10;

    private final Vertx vertx = Vertx.vertx();
    private final Redis redis;

    RedisScript() {
        String hosts = System.getenv().getOrDefault("ARENA_TEST_REDIS_URL", "redis://127.0.0.1:6379/1");
        String type = System.getenv().getOrDefault("ARENA_REDIS_CLIENT_TYPE", "standalone");
        RedisOptions options = new RedisOptions().setType(RedisClientType.valueOf(type.toUpperCase(Locale.ROOT)));
        for (String host : hosts.split(",")) {
            options.addConnectionString(host.strip());
        }
        redis = Redis.createClient(vertx, options);
    }

    /** Runs one command; fails on an error reply. */
    void run(String... command) throws IOException {
        Request request = Request.cmd(Command.create(command[0]));
        for (int i = 1; i < command.length; i++) {
            request.arg(command[i]);
        }
        try {
            redis.send(request).toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException("redis: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("redis: no answer to " + command[0] + " within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        redis.close();
        vertx.close();
    }
}
