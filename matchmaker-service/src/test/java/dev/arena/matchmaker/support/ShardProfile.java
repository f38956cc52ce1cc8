package dev.arena.matchmaker.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A test profile on a shard of its own ({@code mm-test-<random>}), so a test class's queue,
 * stream and rooms never meet another's in the shared test database; short timings.
 */
public abstract class ShardProfile implements QuarkusTestProfile {

    private final String shard = "mm-test-" + UUID.randomUUID().toString().substring(0, 8);

    /** Timing overrides of the subclass. */
    protected abstract Map<String, String> timings();

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(timings());
        config.put("arena.shard.name", shard);
        config.put("arena.matchmaker.consumer-name", shard);
        return config;
    }
}
