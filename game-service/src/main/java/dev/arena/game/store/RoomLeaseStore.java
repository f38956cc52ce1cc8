package dev.arena.game.store;

import dev.arena.model.keys.RedisKeys;
import dev.arena.model.state.RoomState;
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
 * {@link RedisKeys#ROOM_LEASE_TTL}): claimed for a batch of rooms when they are taken, refreshed
 * with every heartbeat by {@code lua/room_lease.lua}, which also tells when a room is no longer
 * this node's under the grant (epoch) it runs. The lease is the node's own key; the room's hash
 * it only reads.
 */
@ApplicationScoped
public class RoomLeaseStore {

    /** What a claim or refresh found; FORGOTTEN: Redis lost the room and the lease (restarted without its data). */
    public enum Outcome { HELD, LOST, TAKEN, FORGOTTEN }

    /** The answer for one room: the outcome and, when lost, the room's state then (empty when the room is gone). */
    public record Lease(Outcome outcome, String state) {

        /**
         * Whether the room runs under another grant (a takeover gave it to another node, or another
         * node holds its lease): the match, its snapshot and its lease are that grant's now.
         */
        public boolean grantedElsewhere() {
            return outcome == Outcome.TAKEN || outcome == Outcome.LOST
                    && (RoomState.STARTING.wire().equals(state) || RoomState.RUNNING.wire().equals(state));
        }
    }

    /** A room this node was granted, and the grant's epoch. */
    public record Grant(String roomId, long epoch) {}

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final LuaScript CLAIM = LuaScript.load("lua/room_lease.lua");
    private static final LuaScript RELEASE = LuaScript.load("lua/room_lease_release.lua");

    private final Redis redis;
    private final RedisKeys keys;

    public RoomLeaseStore(@ControlPlane Redis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** Claims the leases of rooms just granted, in one pipelined round trip (blocking). */
    public Map<String, Lease> claim(List<Grant> grants, String nodeId) {
        return leases(grants, nodeId, false);
    }

    /** Refreshes the leases of the rooms this node runs, in one pipelined round trip (blocking). */
    public Map<String, Lease> refresh(List<Grant> grants, String nodeId) {
        return leases(grants, nodeId, true);
    }

    private Map<String, Lease> leases(List<Grant> grants, String nodeId, boolean running) {
        if (grants.isEmpty()) {
            return Map.of();
        }
        String ttl = Long.toString(RedisKeys.ROOM_LEASE_TTL.toMillis());
        Supplier<List<Request>> calls = () -> {
            List<Request> requests = new ArrayList<>(grants.size());
            for (Grant grant : grants) {
                requests.add(CLAIM.call(List.of(keys.room(grant.roomId()), keys.roomLease(grant.roomId())),
                        List.of(nodeId, ttl, Long.toString(grant.epoch()), running ? "1" : "0")));
            }
            return requests;
        };
        List<Response> replies = CLAIM.runAll(redis, keys.roomLease(grants.get(0).roomId()), calls).await().atMost(TIMEOUT);
        Map<String, Lease> leases = new HashMap<>();
        for (int i = 0; i < grants.size(); i++) {
            Response reply = replies.get(i);
            Outcome outcome = Outcome.valueOf(reply.get(0).toString().toUpperCase(Locale.ROOT));
            leases.put(grants.get(i).roomId(), new Lease(outcome, outcome == Outcome.LOST ? reply.get(1).toString() : null));
        }
        return leases;
    }

    /** Gives up the lease of a room this node no longer runs, unless another node holds it (blocking). */
    public void release(String roomId, String nodeId) {
        RELEASE.run(redis, List.of(keys.roomLease(roomId)), List.of(nodeId)).await().atMost(TIMEOUT);
    }
}
