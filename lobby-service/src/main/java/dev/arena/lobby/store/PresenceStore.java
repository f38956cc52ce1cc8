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

    /** Players per pipeline: 4 commands each, well under the client's 2,048 commands in flight per connection. */
    static final int PLAYERS_PER_PIPELINE = 256;
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
     * Sent as pipelines of at most {@value #PLAYERS_PER_PIPELINE} players, side by side: the Redis
     * client refuses a pipeline above its 2,048 commands in flight per connection ("waiting queue
     * is full"), which a status round of a lobby with a few thousand sockets would exceed.
     */
    public Uni<Refresh> refresh(Map<String, String> sidByPlayer) {
        List<String> players = new ArrayList<>(sidByPlayer.keySet());
        List<Uni<List<Response>>> pipelines = new ArrayList<>();
        for (int from = 0; from == 0 || from < players.size(); from += PLAYERS_PER_PIPELINE) {
            List<String> slice = players.subList(from, Math.min(players.size(), from + PLAYERS_PER_PIPELINE));
            List<Request> batch = new ArrayList<>(slice.size() * COMMANDS_PER_PLAYER + 1);
            for (String player : slice) {
                String key = keys.player(player);
                batch.add(Request.cmd(Command.HSET).arg(key).arg(PlayerFields.SID).arg(sidByPlayer.get(player)));
                batch.add(Request.cmd(Command.PEXPIRE).arg(key).arg(ttlMillis));
                batch.add(Request.cmd(Command.HMGET).arg(key)
                        .arg(PlayerFields.STATUS).arg(PlayerFields.ROOM).arg(PlayerFields.NODE).arg(PlayerFields.JOINED_TIMESTAMP));
                batch.add(Request.cmd(Command.ZRANK).arg(keys.playersQueue()).arg(player));
            }
            if (from + PLAYERS_PER_PIPELINE >= players.size()) {
                batch.add(Request.cmd(Command.ZCARD).arg(keys.playersQueue())); // the last pipeline also reads the queue's length
            }
            pipelines.add(redis.batch(batch));
        }
        return Uni.join().all(pipelines).andFailFast().map(replies -> {
            List<Response> last = replies.get(replies.size() - 1);
            long length = last.get(last.size() - 1).toLong();
            Map<String, QueueStore.Standing> standings = new LinkedHashMap<>();
            for (int i = 0; i < players.size(); i++) {
                List<Response> pipeline = replies.get(i / PLAYERS_PER_PIPELINE);
                int base = (i % PLAYERS_PER_PIPELINE) * COMMANDS_PER_PLAYER;
                Response rank = pipeline.get(base + 3);
                standings.put(players.get(i), new QueueStore.Standing(
                        QueueStore.record(pipeline.get(base + 2)), rank == null ? null : rank.toLong(), length));
            }
            return new Refresh(standings, length);
        });
    }
}
