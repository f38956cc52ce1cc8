package dev.arena.game.store;

import dev.arena.model.keys.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;

/**
 * Keeps connected players online: their {@code player:{id}} hashes get their TTL back while their
 * game socket is open. Their fields (status, room) are the matchmaker's, which it changes on the
 * node's reports.
 */
@ApplicationScoped
public class PlayerPresenceStore {

    private final RedisDataSource redis;
    private final RedisKeys keys;

    public PlayerPresenceStore(RedisDataSource redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** Gives connected players' hashes their TTL back (blocking; from the node's chores thread). */
    public void refresh(Collection<String> playerIds) {
        for (String id : playerIds) {
            redis.key().pexpire(keys.player(id), RedisKeys.PLAYER_TTL);
        }
    }
}
