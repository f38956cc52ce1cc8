package dev.arena.lobby.store;

import dev.arena.model.keys.RedisKeys;
import dev.arena.model.protocol.Colors;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.redis.client.ResponseType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The top of the leaderboard: ids and scores from the Redis sorted set, names from the players table in one query. */
@ApplicationScoped
public class LeaderboardStore {

    /** One row of the top list; the name is null for a player the table does not know. */
    public record Entry(int rank, String id, String name, Colors colors, long score) {}

    private static final String NAMES = "SELECT id, name, primary_color, secondary_color FROM players WHERE id = ANY($1)";

    private final Redis redis;
    private final RedisKeys keys;
    private final Pool pool;

    public LeaderboardStore(Redis redis, RedisKeys keys, Pool pool) {
        this.redis = redis;
        this.keys = keys;
        this.pool = pool;
    }

    /** The best {@code limit} players, best first. */
    public Uni<List<Entry>> top(int limit) {
        Request top = Request.cmd(Command.ZRANGE).arg(keys.leaderboard()).arg(0).arg(limit - 1).arg("REV").arg("WITHSCORES");
        return redis.send(top).chain(reply -> {
            List<String> ids = new ArrayList<>();
            List<Long> scores = new ArrayList<>();
            readPairs(reply, ids, scores);
            if (ids.isEmpty()) {
                return Uni.createFrom().item(List.<Entry>of());
            }
            UUID[] uuids = ids.stream().map(LeaderboardStore::uuidOrNull).filter(u -> u != null).toArray(UUID[]::new);
            return pool.preparedQuery(NAMES).execute(Tuple.of(uuids)).map(rows -> {
                Map<String, Row> byId = new HashMap<>();
                for (Row row : rows) {
                    byId.put(row.getUUID("id").toString(), row);
                }
                List<Entry> out = new ArrayList<>(ids.size());
                for (int i = 0; i < ids.size(); i++) {
                    Row row = byId.get(ids.get(i));
                    out.add(new Entry(i + 1, ids.get(i),
                            row == null ? null : row.getString("name"),
                            row == null ? null : new Colors(row.getString("primary_color"), row.getString("secondary_color")),
                            scores.get(i)));
                }
                return out;
            });
        });
    }

    // RESP2 gives a flat [member, score, ...]; RESP3 gives [[member, score], ...].
    private static void readPairs(Response reply, List<String> ids, List<Long> scores) {
        if (reply == null) {
            return;
        }
        for (int i = 0; i < reply.size(); i++) {
            Response item = reply.get(i);
            if (item.type() == ResponseType.MULTI) {
                ids.add(item.get(0).toString());
                scores.add(item.get(1).toDouble().longValue());
            } else {
                ids.add(item.toString());
                scores.add(reply.get(++i).toDouble().longValue());
            }
        }
    }

    private static UUID uuidOrNull(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
