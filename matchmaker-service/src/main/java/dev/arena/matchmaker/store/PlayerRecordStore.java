package dev.arena.matchmaker.store;

import dev.arena.model.keys.RedisKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** Reads the {@code player:{id}} hash, the seed's record of where a player is. */
@ApplicationScoped
public class PlayerRecordStore {

    private final ReactiveHashCommands<String, String, String> hashes;
    private final RedisKeys keys;

    public PlayerRecordStore(ReactiveRedisDataSource redis, RedisKeys keys) {
        this.hashes = redis.hash(String.class);
        this.keys = keys;
    }

    /** The player's fields; empty when the player is neither queued, in a room nor in a game. */
    public Uni<Map<String, String>> fields(String playerId) {
        return hashes.hgetall(keys.player(playerId));
    }
}
