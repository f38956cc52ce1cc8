package dev.arena.lobby.queue;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import java.util.UUID;

/**
 * A shard of its own for one test class (Redis database 1 is shared with other modules' tests,
 * so nothing is flushed; keys are isolated by the hash tag), and a short disconnect grace.
 */
public abstract class ShardProfile implements QuarkusTestProfile {

    private final String shard = "lobby-test-" + UUID.randomUUID().toString().substring(0, 8);

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("arena.shard.name", shard, "arena.lobby.disconnect-grace", "PT1S");
    }
}
