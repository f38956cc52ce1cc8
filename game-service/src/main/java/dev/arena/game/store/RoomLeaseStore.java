package dev.arena.game.store;

import dev.arena.model.keys.RedisKeys;
import dev.arena.service.redis.LuaScript;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The node's leases on its rooms ({@code room:{id}:lease} = node id, TTL
 * {@link RedisKeys#ROOM_LEASE_TTL}): claimed when a room is taken, refreshed with every
 * heartbeat by {@code lua/room_lease.lua}, which also tells when the room is no longer this node's.
 */
@ApplicationScoped
public class RoomLeaseStore {

    /** What a claim or refresh found. */
    public enum Outcome { HELD, LOST, TAKEN }

    /** The answer for one room: the outcome and, when lost, the room's state then (empty when the room is gone). */
    public record Lease(Outcome outcome, String state) {}

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final LuaScript CLAIM = LuaScript.load("lua/room_lease.lua");
    private static final LuaScript RELEASE = LuaScript.load("lua/room_lease_release.lua");

    private final Redis redis;
    private final RedisKeys keys;

    public RoomLeaseStore(Redis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** Claims the lease of one room (blocking; from the intake thread). */
    public Lease claim(String roomId, String nodeId) {
        return refresh(List.of(roomId), nodeId).get(roomId);
    }

    /** Claims or refreshes the leases of {@code roomIds} in one pipelined round trip (blocking). */
    public Map<String, Lease> refresh(List<String> roomIds, String nodeId) {
        if (roomIds.isEmpty()) {
            return Map.of();
        }
        String ttl = Long.toString(RedisKeys.ROOM_LEASE_TTL.toMillis());
        Supplier<List<Request>> calls = () -> {
            List<Request> requests = new ArrayList<>(roomIds.size());
            for (String roomId : roomIds) {
                requests.add(CLAIM.call(List.of(keys.room(roomId), keys.roomLease(roomId)), List.of(nodeId, ttl)));
            }
            return requests;
        };
        List<Response> replies = redis.batch(calls.get())
                .onFailure(LuaScript::isNoScript)
                .recoverWithUni(() -> redis.send(CLAIM.loadRequest()).chain(() -> redis.batch(calls.get())))
                .await().atMost(TIMEOUT);
        Map<String, Lease> leases = new HashMap<>();
        for (int i = 0; i < roomIds.size(); i++) {
            Response reply = replies.get(i);
            Outcome outcome = Outcome.valueOf(reply.get(0).toString().toUpperCase(Locale.ROOT));
            leases.put(roomIds.get(i), new Lease(outcome, outcome == Outcome.LOST ? reply.get(1).toString() : null));
        }
        return leases;
    }

    /** Gives up the lease of a room this node no longer runs, unless another node holds it (blocking). */
    public void release(String roomId, String nodeId) {
        RELEASE.run(redis, List.of(keys.roomLease(roomId)), List.of(nodeId)).await().atMost(TIMEOUT);
    }
}
