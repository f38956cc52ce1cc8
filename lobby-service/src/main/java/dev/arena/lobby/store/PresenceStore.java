package dev.arena.lobby.store;

import dev.arena.model.keys.PlayerFields;
import dev.arena.model.keys.RedisKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The online marker of players whose lobby socket this instance holds: {@code sid} in their hash
 * and its TTL, plus where each stands, for many players in one pipelined round trip.
 */
@ApplicationScoped
public class PresenceStore {

    /** Where each refreshed player stands, and the queue's length. */
    public record Refresh(Map<String, QueueStore.Standing> standings, long queueLength) {}

    private static final int COMMANDS_PER_PLAYER = 4;

    private final Redis redis;
    private final RedisKeys keys;
    private final String ttlMillis = Long.toString(RedisKeys.PLAYER_TTL.toMillis());

    public PresenceStore(Redis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /**
     * Marks each player online with their socket's sid (so a grace removal started by another
     * lobby sees they came back), refreshes the hash's TTL and reads where they stand. A hash with
     * only {@code sid} is an idle player (docs/matchmaking.md), so marking an idle player is harmless.
     */
    public Uni<Refresh> refresh(Map<String, String> sidByPlayer) {
        List<String> players = new ArrayList<>(sidByPlayer.keySet());
        List<Request> batch = new ArrayList<>(players.size() * COMMANDS_PER_PLAYER + 1);
        for (String player : players) {
            String key = keys.player(player);
            batch.add(Request.cmd(Command.HSET).arg(key).arg(PlayerFields.SID).arg(sidByPlayer.get(player)));
            batch.add(Request.cmd(Command.PEXPIRE).arg(key).arg(ttlMillis));
            batch.add(Request.cmd(Command.HMGET).arg(key)
                    .arg(PlayerFields.STATUS).arg(PlayerFields.ROOM).arg(PlayerFields.NODE).arg(PlayerFields.JOINED_TIMESTAMP));
            batch.add(Request.cmd(Command.ZRANK).arg(keys.playersQueue()).arg(player));
        }
        batch.add(Request.cmd(Command.ZCARD).arg(keys.playersQueue()));
        return redis.batch(batch).map(replies -> {
            long length = replies.get(replies.size() - 1).toLong();
            Map<String, QueueStore.Standing> standings = new LinkedHashMap<>();
            for (int i = 0; i < players.size(); i++) {
                int base = i * COMMANDS_PER_PLAYER;
                Response rank = replies.get(base + 3);
                standings.put(players.get(i), new QueueStore.Standing(
                        QueueStore.record(replies.get(base + 2)), rank == null ? null : rank.toLong(), length));
            }
            return new Refresh(standings, length);
        });
    }
}
