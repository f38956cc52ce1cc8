package dev.arena.game.store;

import dev.arena.model.keys.RedisKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.sortedset.ReactiveSortedSetCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The {@code leaderboard} sorted set: player id by total score. */
@ApplicationScoped
public class LeaderboardStore {

    /** A player's total and 1-based rank; rank is null before their first point. */
    public record Standing(String playerId, long score, Long rank) {}

    private final ReactiveSortedSetCommands<String, String> sortedSets;
    private final RedisKeys keys;

    public LeaderboardStore(ReactiveRedisDataSource redis, RedisKeys keys) {
        this.sortedSets = redis.sortedSet(String.class);
        this.keys = keys;
    }

    /** Adds points to a player's total ({@code ZINCRBY}). */
    public Uni<Void> add(String playerId, long points) {
        return sortedSets.zincrby(keys.leaderboard(), points, playerId).replaceWithVoid();
    }

    public Uni<Standing> standing(String playerId) {
        String key = keys.leaderboard();
        return Uni.combine().all()
                .unis(sortedSets.zscore(key, playerId), sortedSets.zrevrank(key, playerId))
                .with((score, rank) -> score == null
                        ? new Standing(playerId, 0, null)
                        : new Standing(playerId, score.longValue(), rank + 1));
    }
}
