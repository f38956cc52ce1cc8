package dev.arena.testsupport;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Runs a test class on a Redis shard of its own: the test Redis database is shared by every
 * module's tests, so nothing is ever flushed; the hash tag keeps each class's keys apart.
 */
public abstract class IsolatedShardProfile implements QuarkusTestProfile {

    private final String shard = "test-" + UUID.randomUUID().toString().substring(0, 8);

    /** This profile's shard name. */
    protected String shard() {
        return shard;
    }

    /** Further config of the subclass, such as short timings. */
    protected Map<String, String> overrides() {
        return Map.of();
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(overrides());
        config.put("arena.shard.name", shard());
        return config;
    }
}
