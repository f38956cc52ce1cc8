package dev.arena.lobby.queue;

import dev.arena.testsupport.IsolatedShardProfile;
import java.util.Map;

/** A shard of its own for one test class, and a short disconnect grace. */
public abstract class ShardProfile extends IsolatedShardProfile {

    @Override
    protected Map<String, String> overrides() {
        return Map.of("arena.lobby.disconnect-grace", "PT1S");
    }
}
