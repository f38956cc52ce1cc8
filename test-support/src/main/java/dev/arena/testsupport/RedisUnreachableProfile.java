package dev.arena.testsupport;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Runs a service against a Redis port where nothing listens, to see readiness go DOWN (a single Redis, in every pass). */
public class RedisUnreachableProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1", "quarkus.redis.client-type", "standalone");
    }
}
