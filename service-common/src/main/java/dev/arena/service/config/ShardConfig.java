package dev.arena.service.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which matchmaking shard of Redis this service works on (the hash tag of its keys). */
@ConfigMapping(prefix = "arena.shard")
public interface ShardConfig {

    /** The shard name; every matchmaking key is tagged with it, e.g. {@code {arena}:players_queue}. */
    @WithDefault("arena")
    String name();
}
