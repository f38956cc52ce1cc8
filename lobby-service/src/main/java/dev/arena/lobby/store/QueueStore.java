package dev.arena.lobby.store;

import dev.arena.lobby.config.LobbyConfig;
import dev.arena.model.codec.MessageCodec;
import dev.arena.model.keys.PlayerFields;
import dev.arena.model.keys.RedisKeys;
import dev.arena.model.protocol.PlayerInfo;
import dev.arena.model.state.PlayerStatus;
import dev.arena.service.redis.LuaScript;
import dev.arena.service.redis.ScriptBatcher;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The queue and the player hashes: joining and leaving through the Lua scripts, and reading where a player is. */
@ApplicationScoped
public class QueueStore {

    /** Outcome of {@code enqueue.lua}. */
    public sealed interface EnqueueOutcome {
        /** Queued now; {@code rank} is 0-based. */
        record Queued(long joinedAt, long rank, long queueLength) implements EnqueueOutcome {}

        /** Already queued, in a room or in a match: nothing changed. */
        record AlreadyPlaying(PlayerRecord where) implements EnqueueOutcome {}
    }

    /** A player's record with their queue rank (0-based, null when not in the queue) and the queue's length. */
    public record Standing(PlayerRecord record, Long rank, long queueLength) {}

    private static final LuaScript ENQUEUE = LuaScript.load("lua/enqueue.lua");
    private static final LuaScript LEAVE = LuaScript.load("lua/leave.lua");
    /** Joins in one pipeline at most: a few hundred keep Redis' other clients from waiting long behind one. */
    private static final int MAX_JOINS_PER_PIPELINE = 256;

    private final Redis redis;
    private final RedisKeys keys;
    private final MessageCodec codec;
    private final LobbyConfig config;
    private final String keyPrefix;
    private final ScriptBatcher enqueues;

    public QueueStore(Redis redis, RedisKeys keys, MessageCodec codec, LobbyConfig config) {
        this.redis = redis;
        this.keys = keys;
        this.codec = codec;
        this.config = config;
        // leave.lua builds the room key itself; RedisKeys names it "<tag>:room:<id>".
        this.keyPrefix = keys.keyPrefix();
        this.enqueues = new ScriptBatcher(redis, ENQUEUE, MAX_JOINS_PER_PIPELINE);
    }

    /**
     * Runs {@code enqueue.lua}: one game at a time, queue entry, player hash and join event in one
     * step; the joins of one event-loop turn share a pipeline (see {@link ScriptBatcher}).
     */
    public Uni<EnqueueOutcome> enqueue(PlayerInfo player, long now) {
        List<String> args = List.of(player.id(), Long.toString(now), player.name(), codec.encode(player.colors()),
                Long.toString(RedisKeys.PLAYER_TTL.toMillis()), Long.toString(config.joinsMaxLength()));
        return enqueues.run(List.of(keys.player(player.id()), keys.playersQueue(), keys.lobbyJoins()), args)
                .map(reply -> "queued".equals(reply.get(0).toString())
                        ? new EnqueueOutcome.Queued(reply.get(1).toLong(), reply.get(2).toLong(), reply.get(3).toLong())
                        : new EnqueueOutcome.AlreadyPlaying(PlayerRecord.of(
                                reply.get(1).toString(), reply.get(2).toString(), reply.get(3).toString(), reply.get(4).toString())));
    }

    /**
     * Runs {@code leave.lua} in {@code mode}: out of the queue, or for a room member the request to
     * the matchmaker; {@code mode} is {@code player}, {@code grace} (with the dropped socket's sid) or {@code admin}.
     */
    public Uni<LeaveOutcome> leave(String playerId, String mode, String droppedSid, long now) {
        List<String> keyList = List.of(keys.player(playerId), keys.playersQueue(), keys.lobbyJoins());
        List<String> args = List.of(playerId, Long.toString(now), keyPrefix, mode, droppedSid == null ? "" : droppedSid,
                Long.toString(config.joinsMaxLength()));
        return LEAVE.run(redis, keyList, args).map(this::leaveOutcome);
    }

    /** Where the player is and their place in the queue, in one pipelined round trip. */
    public Uni<Standing> standing(String playerId) {
        List<Request> batch = List.of(
                Request.cmd(Command.HMGET).arg(keys.player(playerId))
                        .arg(PlayerFields.STATUS).arg(PlayerFields.ROOM).arg(PlayerFields.NODE).arg(PlayerFields.JOINED_TIMESTAMP),
                Request.cmd(Command.ZRANK).arg(keys.playersQueue()).arg(playerId),
                Request.cmd(Command.ZCARD).arg(keys.playersQueue()));
        return redis.batch(batch).map(replies -> new Standing(record(replies.get(0)),
                replies.get(1) == null ? null : replies.get(1).toLong(), replies.get(2).toLong()));
    }

    /** The player's record from an HMGET of status, room, node, joined_timestamp. */
    static PlayerRecord record(Response fields) {
        return PlayerRecord.of(text(fields.get(0)), text(fields.get(1)), text(fields.get(2)), text(fields.get(3)));
    }

    private LeaveOutcome leaveOutcome(Response reply) {
        return switch (reply.get(0).toString()) {
            case "idle" -> new LeaveOutcome.Idle();
            case "online" -> new LeaveOutcome.OnlineElsewhere();
            case "in_match" -> new LeaveOutcome.InMatch(
                    PlayerRecord.of(reply.get(1).toString(), reply.get(2).toString(), reply.get(3).toString(), null));
            case "leaving" -> new LeaveOutcome.Leaving(reply.get(1).toString(),
                    PlayerStatus.fromWire(reply.get(2).toString()).orElse(PlayerStatus.IN_ROOM));
            default -> new LeaveOutcome.Left();
        };
    }

    private static String text(Response value) {
        return value == null ? null : value.toString();
    }
}
