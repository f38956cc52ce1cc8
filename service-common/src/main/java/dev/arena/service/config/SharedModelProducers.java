package dev.arena.service.config;

import dev.arena.model.codec.MessageCodec;
import dev.arena.model.keys.RedisKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Makes the shared model's key schema (of the configured shard) and codec injectable. */
@ApplicationScoped
public class SharedModelProducers {

    @Produces
    @ApplicationScoped
    RedisKeys redisKeys(ShardConfig shard) {
        return new RedisKeys(shard.name());
    }

    @Produces
    @ApplicationScoped
    MessageCodec messageCodec() {
        return new MessageCodec();
    }
}
