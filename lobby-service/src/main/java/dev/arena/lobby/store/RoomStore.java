package dev.arena.lobby.store;

import dev.arena.model.codec.MessageCodec;
import dev.arena.model.keys.PlayerFields;
import dev.arena.model.keys.RedisKeys;
import dev.arena.model.keys.RoomFields;
import dev.arena.model.protocol.Colors;
import dev.arena.model.protocol.LobbyServerMessage.RoomUpdate;
import dev.arena.model.protocol.PlayerInfo;
import dev.arena.model.state.RoomState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a room as its members see it ({@code room.update}), for a player who (re)connects while in a room. */
@ApplicationScoped
public class RoomStore {

    private final Redis redis;
    private final RedisKeys keys;
    private final MessageCodec codec;

    public RoomStore(Redis redis, RedisKeys keys, MessageCodec codec) {
        this.redis = redis;
        this.keys = keys;
        this.codec = codec;
    }

    /** The room's state and members; empty when the room no longer exists. */
    public Uni<Optional<RoomUpdate>> view(String roomId) {
        List<Request> room = List.of(
                Request.cmd(Command.HMGET).arg(keys.room(roomId)).arg(RoomFields.STATE).arg(RoomFields.COUNTDOWN_DEADLINE),
                Request.cmd(Command.SMEMBERS).arg(keys.roomPlayers(roomId)));
        return redis.batch(room).chain(replies -> {
            Response fields = replies.get(0);
            Optional<RoomState> state = Optional.ofNullable(fields.get(0)).flatMap(s -> RoomState.fromWire(s.toString()));
            if (state.isEmpty()) {
                return Uni.createFrom().item(Optional.<RoomUpdate>empty());
            }
            Long deadline = fields.get(1) == null ? null : fields.get(1).toLong();
            List<String> memberIds = new ArrayList<>();
            replies.get(1).forEach(member -> memberIds.add(member.toString()));
            return members(memberIds).map(members ->
                    Optional.of(new RoomUpdate(roomId, state.get(), members, deadline, null)));
        });
    }

    private Uni<List<PlayerInfo>> members(List<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Request> batch = new ArrayList<>(ids.size());
        for (String id : ids) {
            batch.add(Request.cmd(Command.HMGET).arg(keys.player(id)).arg(PlayerFields.NAME).arg(PlayerFields.COLORS));
        }
        return redis.batch(batch).map(replies -> {
            List<PlayerInfo> members = new ArrayList<>(ids.size());
            for (int i = 0; i < ids.size(); i++) {
                Response info = replies.get(i);
                members.add(member(ids.get(i), info.get(0) == null ? null : info.get(0).toString(),
                        info.get(1) == null ? null : info.get(1).toString()));
            }
            return members;
        });
    }

    /**
     * A member as stored; missing name or colors (an expired hash) get the fallbacks every service
     * gives such a member, so the others still see a full list.
     */
    private PlayerInfo member(String id, String name, String colorsJson) {
        return PlayerInfo.withFallbacks(id, name,
                colorsJson == null || colorsJson.isEmpty() ? null : codec.decode(colorsJson, Colors.class));
    }
}
