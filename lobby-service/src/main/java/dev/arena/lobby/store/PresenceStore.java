package dev.arena.lobby.store;

import dev.arena.model.keys.RedisKeys;
import dev.arena.model.state.PlayerStatus;
import dev.arena.service.redis.LuaScript;
import dev.arena.service.redis.ScriptBatcher;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The online marker of players whose lobby socket this instance holds: {@code sid} and the
 * socket's sequence number in their hash and its TTL, refreshed for many players at once by
 * {@code presence.lua}, which also numbers the sockets just opened, reports those a newer socket
 * of the player replaced (on any lobby instance), and those whose standing the lobby must tell them.
 */
@ApplicationScoped
public class PresenceStore {

    /**
     * A socket held here: its player, its id (the {@code sid} marker), its sequence number
     * ({@link #NEW_SOCKET} until Redis gave it one) and the status the player was last told (null if none).
     */
    public record Online(String playerId, String sid, long seq, PlayerStatus lastTold) {}

    /**
     * Where each reported player stands (queued, or not what they were last told), the sockets just
     * opened with the numbers they were given, the sockets a newer one of their player replaced,
     * and the queue's length.
     */
    public record Refresh(Map<String, QueueStore.Standing> standings, List<Online> numbered, List<Online> replaced,
            long queueLength) {}

    /** The sequence number of a socket that has none yet: the refresh takes one from {@code lobby:socket-seq}. */
    public static final long NEW_SOCKET = 0;

    /**
     * Players per script call: a call runs atomically and Redis' other clients (the joins) wait
     * behind it, so a call must stay within a millisecond or two: 64 do, several hundred hold
     * Redis for several milliseconds. The calls of a round go in one pipeline.
     */
    static final int PLAYERS_PER_CALL = 64;
    /** Calls in one pipeline at most (a round over all of 15,000 sockets would be 235), far below the client's 2,048 in flight. */
    private static final int CALLS_PER_PIPELINE = 256;
    private static final LuaScript PRESENCE = LuaScript.load("lua/presence.lua");
    private static final int FIELDS_PER_REPORT = 7;
    private static final long REPLACED = -1;

    private final RedisKeys keys;
    private final ScriptBatcher calls;
    private final String ttlMillis = Long.toString(RedisKeys.PLAYER_TTL.toMillis());

    public PresenceStore(Redis redis, RedisKeys keys) {
        this.keys = keys;
        this.calls = new ScriptBatcher(redis, PRESENCE, CALLS_PER_PIPELINE);
    }

    /**
     * Marks each player online with their socket's sid (so a grace removal started by another
     * lobby sees they came back) unless a newer socket of theirs marks them, refreshes the hash's
     * TTL, numbers the sockets just opened and reports where the queued players stand, every
     * player whose status changed since they were last told (a notice they missed) and the
     * sockets replaced by a newer one of the same player.
     * A hash with only {@code sid} and {@code sid_seq} is an idle player (docs/matchmaking.md), so
     * marking an idle player is harmless. Nothing is read back for the others: with thousands of
     * sockets a round marks thousands of players, and reading each back would double the round's cost.
     */
    public Uni<Refresh> refresh(List<Online> players) {
        List<Uni<Response>> replies = new ArrayList<>();
        for (int from = 0; from == 0 || from < players.size(); from += PLAYERS_PER_CALL) {
            List<Online> slice = players.subList(from, Math.min(players.size(), from + PLAYERS_PER_CALL));
            List<String> keyList = new ArrayList<>(slice.size() + 2);
            List<String> args = new ArrayList<>(slice.size() * 4 + 1);
            keyList.add(keys.playersQueue());
            keyList.add(keys.lobbySocketSeq());
            args.add(ttlMillis);
            for (Online online : slice) {
                keyList.add(keys.player(online.playerId()));
                args.add(online.playerId());
                args.add(online.sid());
                args.add(Long.toString(online.seq()));
                args.add(online.lastTold() == null ? "" : online.lastTold().wire());
            }
            replies.add(calls.run(keyList, args));
        }
        return Uni.join().all(replies).andFailFast().map(all -> {
            long length = all.get(all.size() - 1).get(0).toLong();
            Map<String, QueueStore.Standing> standings = new LinkedHashMap<>();
            List<Online> numbered = new ArrayList<>();
            List<Online> replaced = new ArrayList<>();
            for (int call = 0; call < all.size(); call++) {
                Response reply = all.get(call);
                for (int at = 1; at + FIELDS_PER_REPORT <= reply.size(); at += FIELDS_PER_REPORT) {
                    Online online = players.get(call * PLAYERS_PER_CALL + reply.get(at).toInteger() - 1);
                    long seq = reply.get(at + 1).toLong();
                    if (seq == REPLACED) {
                        replaced.add(online);
                        continue;
                    }
                    if (online.seq() == NEW_SOCKET) {
                        numbered.add(new Online(online.playerId(), online.sid(), seq, online.lastTold()));
                    }
                    long rank = reply.get(at + 6).toLong();
                    PlayerRecord record = PlayerRecord.of(reply.get(at + 2).toString(), reply.get(at + 3).toString(),
                            reply.get(at + 4).toString(), reply.get(at + 5).toString());
                    standings.put(online.playerId(), new QueueStore.Standing(record, rank < 0 ? null : rank, length));
                }
            }
            return new Refresh(standings, numbered, replaced, length);
        });
    }
}
