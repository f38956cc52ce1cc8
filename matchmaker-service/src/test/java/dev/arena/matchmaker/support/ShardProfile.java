package dev.arena.matchmaker.support;

import dev.arena.testsupport.IsolatedShardProfile;
import java.util.HashMap;
import java.util.Map;

/** A shard of its own for one test class, with the subclass's matchmaker timings. */
public abstract class ShardProfile extends IsolatedShardProfile {

    /** Timing overrides of the subclass. */
    protected abstract Map<String, String> timings();

    @Override
    protected Map<String, String> overrides() {
        Map<String, String> config = new HashMap<>(timings());
        config.put("arena.matchmaker.consumer-name", shard());
        return config;
    }
}
