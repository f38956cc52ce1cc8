package dev.arena.game.store;

import dev.arena.game.domain.RoomSnapshot;
import dev.arena.model.keys.RedisKeys;
import dev.arena.model.keys.SnapshotFields;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code room:{id}:snapshot}: the last stored positions and scores of a running match, one field
 * per player plus when the match ends ({@link SnapshotFields}).
 */
@ApplicationScoped
public class SnapshotStore {

    /** A stored snapshot: when its match ends and its players' states. */
    public record Stored(long endsAt, List<RoomSnapshot.PlayerState> players) {}

    private final ReactiveRedisDataSource reactive;
    private final RedisDataSource redis;
    private final RedisKeys keys;

    public SnapshotStore(ReactiveRedisDataSource reactive, RedisDataSource redis, RedisKeys keys) {
        this.reactive = reactive;
        this.redis = redis;
        this.keys = keys;
    }

    /** Writes every snapshot of the batch at once (the commands go out together, not one round trip each). */
    public Uni<Void> write(List<RoomSnapshot> batch) {
        List<Uni<Long>> writes = new ArrayList<>(batch.size());
        for (RoomSnapshot snapshot : batch) {
            Map<String, String> fields = new HashMap<>();
            fields.put(SnapshotFields.ENDS_AT, Long.toString(snapshot.endsAt()));
            fields.put(SnapshotFields.TAKEN_AT, Long.toString(snapshot.takenAt()));
            for (RoomSnapshot.PlayerState player : snapshot.players()) {
                fields.put(SnapshotFields.player(player.playerId()), player.encode());
            }
            writes.add(reactive.hash(String.class).hset(keys.roomSnapshot(snapshot.roomId()), fields));
        }
        return writes.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(writes).andFailFast().replaceWithVoid();
    }

    /** The stored snapshot of a room, or null when there is none (blocking). */
    public Stored read(String roomId) {
        Map<String, String> fields = redis.hash(String.class).hgetall(keys.roomSnapshot(roomId));
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
