package dev.arena.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Runs a service under test against an {@link OwnRedis}; the test reaches it with
 * {@link #redis()} to stall or restart it. Use with {@code restrictToAnnotatedClass = true}.
 */
public class OwnRedisResource implements QuarkusTestResourceLifecycleManager {

    private static volatile OwnRedis redis;

    /** The running test's own Redis. */
    public static OwnRedis redis() {
        return redis;
    }

    @Override
    public Map<String, String> start() {
        try {
            redis = OwnRedis.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("quarkus.redis.hosts", redis.url());
    }

    @Override
    public void stop() {
        try {
            redis.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
