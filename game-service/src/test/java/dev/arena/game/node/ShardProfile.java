package dev.arena.game.node;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A Redis shard of its own for one test class (database 1 is shared with other modules' tests,
 * so nothing is flushed: keys are isolated by the hash tag), plus the class's own settings.
 */
public abstract class ShardProfile implements QuarkusTestProfile {

    private final String shard = "game-test-" + UUID.randomUUID().toString().substring(0, 8);

    /** Settings of the test class on top of its shard. */
    protected Map<String, String> settings() {
        return Map.of();
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(settings());
        config.put("arena.shard.name", shard);
        return config;
    }
}
