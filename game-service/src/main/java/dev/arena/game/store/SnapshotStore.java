package dev.arena.game.store;

import dev.arena.game.domain.RoomSnapshot;
import dev.arena.model.keys.RedisKeys;
import dev.arena.model.keys.SnapshotFields;
import dev.arena.service.redis.LuaScript;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code room:{id}:snapshot}: the last stored positions and scores of a running match, one field
 * per player plus when the match ends and the epoch of the grant that wrote it ({@link SnapshotFields}).
 */
@ApplicationScoped
public class SnapshotStore {

    /** A stored snapshot: when its match ends and its players' states. */
    public record Stored(long endsAt, List<RoomSnapshot.PlayerState> players) {}

    private static final LuaScript WRITE = LuaScript.load("lua/snapshot_write.lua");

    /** How long the intake waits for a batch's stored snapshots before it gives the batch another try. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final ReactiveRedisDataSource reactive;
    private final RedisDataSource redis;
    private final ReactiveRedisDataSource controlPlane;
    private final RedisKeys keys;

    public SnapshotStore(ReactiveRedisDataSource reactive, RedisDataSource redis, @ControlPlane ReactiveRedisDataSource controlPlane,
            RedisKeys keys) {
        this.reactive = reactive;
        this.redis = redis;
        this.controlPlane = controlPlane;
        this.keys = keys;
    }

    /**
     * Writes every snapshot of the batch in one pipelined round trip ({@code snapshot_write.lua}): a
     * room whose stored snapshot is of a later grant (taken over by another node) keeps it.
     */
    public Uni<Void> write(List<RoomSnapshot> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return WRITE.runAll(reactive.getRedis(), keys.roomSnapshot(batch.get(0).roomId()), () -> {
            List<Request> calls = new ArrayList<>(batch.size());
            for (RoomSnapshot snapshot : batch) {
                List<String> args = new ArrayList<>(5 + 2 * snapshot.players().size());
                args.add(Long.toString(snapshot.epoch()));
                args.add(SnapshotFields.ENDS_AT);
                args.add(Long.toString(snapshot.endsAt()));
                args.add(SnapshotFields.TAKEN_AT);
                args.add(Long.toString(snapshot.takenAt()));
                for (RoomSnapshot.PlayerState player : snapshot.players()) {
                    args.add(SnapshotFields.player(player.playerId()));
                    args.add(player.encode());
                }
                calls.add(WRITE.call(List.of(keys.roomSnapshot(snapshot.roomId())), args));
            }
            return calls;
        }).replaceWithVoid();
    }

    /**
     * The stored snapshots of the rooms a batch of handoffs resumes, by room id (a room without one
     * is absent), read in one pipelined round trip on the control plane's client (blocking): the
     * intake of a node taking over dozens of rooms must not wait a round trip per room behind the
     * event loops its players' upgrades keep busy.
     */
    public Map<String, Stored> readAll(List<String> roomIds) {
        if (roomIds.isEmpty()) {
            return Map.of();
        }
        List<Uni<Map<String, String>>> reads = new ArrayList<>(roomIds.size());
        for (String roomId : roomIds) {
            reads.add(controlPlane.hash(String.class).hgetall(keys.roomSnapshot(roomId)));
        }
        List<Map<String, String>> all = Uni.join().all(reads).andFailFast().await().atMost(READ_TIMEOUT);
        Map<String, Stored> stored = new HashMap<>();
        for (int i = 0; i < roomIds.size(); i++) {
            Stored one = decode(all.get(i));
            if (one != null) {
                stored.put(roomIds.get(i), one);
            }
        }
        return stored;
    }

    private static Stored decode(Map<String, String> fields) {
        String endsAt = fields.get(SnapshotFields.ENDS_AT);
        if (endsAt == null) {
            return null;
        }
        List<RoomSnapshot.PlayerState> players = new ArrayList<>();
        fields.forEach((field, value) -> {
            String playerId = SnapshotFields.playerIdOf(field);
            if (playerId != null) {
                RoomSnapshot.PlayerState state = RoomSnapshot.PlayerState.decode(playerId, value);
                if (state != null) {
                    players.add(state);
                }
            }
        });
        return new Stored(Long.parseLong(endsAt), players);
    }

    /** Puts a snapshot restored from PostgreSQL back into Redis (blocking). */
    public void put(RoomSnapshot snapshot) {
        write(List.of(snapshot)).await().indefinitely();
    }

    public void delete(String roomId) {
        redis.key().del(keys.roomSnapshot(roomId));
    }
}
