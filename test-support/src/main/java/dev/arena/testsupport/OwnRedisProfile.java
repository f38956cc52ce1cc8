package dev.arena.testsupport;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Runs a service under test against the tests' {@link OwnRedis}, which the test stalls or
 * restarts through {@link OwnRedis#shared()}.
 */
public class OwnRedisProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return redisHosts();
    }

    /**
     * The settings that point a service at the tests' own Redis, for profiles that add their own. A
     * single Redis even in the Redis Cluster pass: it is the one the test stalls or restarts.
     */
    public static Map<String, String> redisHosts() {
        // Both forms: the shared test config names the test Redis under the %test profile.
        String url = OwnRedis.shared().url();
        return Map.of("quarkus.redis.hosts", url, "%test.quarkus.redis.hosts", url, "quarkus.redis.client-type", "standalone");
    }
}
