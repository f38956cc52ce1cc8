package dev.arena.game.store;

import dev.arena.model.keys.PlayerFields;
import dev.arena.model.keys.RedisKeys;
import dev.arena.model.state.PlayerStatus;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;

/** The players' {@code player:{id}} hashes as the game node keeps them: in game while connected, gone when the match ends. */
@ApplicationScoped
public class PlayerPresenceStore {

    private final ReactiveRedisDataSource reactive;
    private final RedisDataSource redis;
    private final RedisKeys keys;

    public PlayerPresenceStore(ReactiveRedisDataSource reactive, RedisDataSource redis, RedisKeys keys) {
        this.reactive = reactive;
        this.redis = redis;
        this.keys = keys;
    }

    /** The arrival the matchmaker waits for: {@code status in_game}, room and node, and a fresh TTL. Non-blocking. */
    public Uni<Void> markInGame(String playerId, String roomId, String nodeId) {
        String key = keys.player(playerId);
        return reactive.hash(String.class)
                .hset(key, Map.of(PlayerFields.STATUS, PlayerStatus.IN_GAME.wire(), PlayerFields.ROOM, roomId,
                        PlayerFields.NODE, nodeId))
                .chain(() -> reactive.key().pexpire(key, RedisKeys.PLAYER_TTL))
                .replaceWithVoid();
    }

    /** Gives connected players' hashes their TTL back (blocking; from the node's chores thread). */
    public void refresh(Collection<String> playerIds) {
        for (String id : playerIds) {
            redis.key().pexpire(keys.player(id), RedisKeys.PLAYER_TTL);
        }
    }

    /** Frees the players to queue again (blocking; from the store writer). */
    public void delete(Collection<String> playerIds) {
        if (!playerIds.isEmpty()) {
            redis.key().del(playerIds.stream().map(keys::player).toArray(String[]::new));
        }
    }
}
