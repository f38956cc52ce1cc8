package dev.arena.testsupport;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Runs a service under test against the tests' {@link OwnRedis}, which the test stalls or
 * restarts through {@link OwnRedis#shared()}.
 */
public class OwnRedisProfile implements QuarkusTestProfile {

    // Both forms: the shared test config names the test Redis under the %test profile.
    @Override
    public Map<String, String> getConfigOverrides() {
        String url = OwnRedis.shared().url();
        return Map.of("quarkus.redis.hosts", url, "%test.quarkus.redis.hosts", url);
    }
}
