package dev.arena.game.store;

import dev.arena.model.codec.MessageCodec;
import dev.arena.model.keys.PlayerFields;
import dev.arena.model.keys.RedisKeys;
import dev.arena.model.keys.RoomFields;
import dev.arena.model.protocol.Colors;
import dev.arena.model.protocol.PlayerInfo;
import dev.arena.model.state.RoomState;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/** The matchmaker's room records as the node sees them ({@code room:{id}}, its players) and the members' names and colors. */
@ApplicationScoped
public class RoomStore {

    private static final Logger LOG = Logger.getLogger(RoomStore.class);

    /** Shown for a member whose hash lost its name (it expired): the match still runs. */
    static final Colors FALLBACK_COLORS = new Colors("#888888", "#444444");

    private final RedisDataSource redis;
    private final HashCommands<String, String, String> hashes;
    private final RedisKeys keys;
    private final MessageCodec codec;

    public RoomStore(RedisDataSource redis, RedisKeys keys, MessageCodec codec) {
        this.redis = redis;
        this.hashes = redis.hash(String.class);
        this.keys = keys;
        this.codec = codec;
    }

    /** The room's hash (state, node, ...); empty when the room is gone. */
    public Map<String, String> room(String roomId) {
        return hashes.hgetall(keys.room(roomId));
    }

    /** {@code HSET room:{id} state running node <node>}; the room keys live until the match is surely over. */
    public void markRunning(String roomId, String nodeId, Duration lifetime) {
        hashes.hset(keys.room(roomId), Map.of(RoomFields.STATE, RoomState.RUNNING.wire(), RoomFields.NODE, nodeId));
        redis.key().pexpire(keys.room(roomId), lifetime);
        redis.key().pexpire(keys.roomPlayers(roomId), lifetime);
    }

    /** Names and colors of the members from their player hashes, in the handoff's order. */
    public List<PlayerInfo> roster(List<String> playerIds) {
        List<PlayerInfo> roster = new ArrayList<>(playerIds.size());
        for (String id : playerIds) {
            Map<String, String> fields = hashes.hmget(keys.player(id), PlayerFields.NAME, PlayerFields.COLORS);
            String name = fields.get(PlayerFields.NAME);
            roster.add(new PlayerInfo(id, name == null || name.isBlank() ? "player-" + id.substring(0, Math.min(4, id.length())) : name,
                    colors(id, fields.get(PlayerFields.COLORS))));
        }
        return roster;
    }

    private Colors colors(String playerId, String json) {
        if (json != null) {
            try {
                return codec.decode(json, Colors.class);
            } catch (RuntimeException e) {
                LOG.warnf("player %s has unreadable colors %s", playerId, json);
            }
        }
        return FALLBACK_COLORS;
    }

    /** Removes the room's keys once its match is over ({@code room:{id}}, players, expiry, lease). */
    public void delete(String roomId) {
        redis.key().del(keys.room(roomId), keys.roomPlayers(roomId), keys.roomExpiry(roomId), keys.roomLease(roomId));
    }
}
