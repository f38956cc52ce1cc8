package dev.arena.game.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arena.game.domain.Room;
import dev.arena.game.domain.RoomSnapshot;
import dev.arena.game.store.MatchStore;
import dev.arena.game.store.StoreWriter;
import dev.arena.model.keys.RedisKeys;
import dev.arena.model.protocol.PlayerInfo;
import dev.arena.model.protocol.SnapshotPlayer;
import dev.arena.testsupport.IsolatedShardProfile;
import dev.arena.testsupport.JwtKeysResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The slow second line of crash recovery: positions and scores of a running match go to
 * PostgreSQL in batches on their own cadence (1 s here, 10 s by default), not with every Redis
 * snapshot (200 ms here).
 */
@QuarkusTest
@TestProfile(PositionBatchTest.Profile.class)
@QuarkusTestResource(JwtKeysResource.class)
class PositionBatchTest {

    static final String NODE = "game-positions-test";

    public static class Profile extends IsolatedShardProfile {
        @Override
        protected Map<String, String> overrides() {
            return Map.of("arena.game.node-id", NODE, "arena.game.positions-interval", "PT1S",
                    "arena.game.snapshot-interval", "PT0.2S");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    Pool pool;

    @Inject
    StoreWriter writer;

    @Inject
    MatchStore matches;

    @Test
    void positionsGoToPostgresqlInBatchesOnTheirOwnCadence() throws Exception {
        Matchmaker matchmaker = new Matchmaker(redis, keys);
        List<String> players = Matchmaker.players(3);
        String roomId = matchmaker.startRoom(NODE, players);
        GameClient client = GameClient.join(base, NODE, roomId, players.get(0));
        client.input(false, false, false, true, 0, false);
        Thread.sleep(300);
        client.input(false, false, false, false, 0, false);
        Thread.sleep(300);
        SnapshotPlayer still = GameNodeTest.entry(client.latestSnapshot(), players.get(0));

        // A batch after the player stopped holds where they stopped.
        UUID player = UUID.fromString(players.get(0));
        GameNodeTest.awaitTrue(() -> {
            Row row = stored(roomId, player);
            return row != null && Math.abs(row.getFloat("x") - still.x()) < GameClient.POSITION_STEP
                    && Math.abs(row.getFloat("y") - still.y()) < GameClient.POSITION_STEP;
        }, "the batch with the player's last position");

        // Batches keep coming, about one per positions interval, not one per snapshot.
        List<OffsetDateTime> batches = new ArrayList<>();
        long until = System.nanoTime() + Duration.ofMillis(2600).toNanos();
        while (System.nanoTime() < until) {
            OffsetDateTime at = stored(roomId, player).getOffsetDateTime("position_at");
            if (batches.isEmpty() || !batches.get(batches.size() - 1).equals(at)) {
                batches.add(at);
            }
            Thread.sleep(50);
        }
        assertTrue(batches.size() >= 2, "batches seen: " + batches);
        for (int i = 1; i < batches.size(); i++) {
            long gap = Duration.between(batches.get(i - 1), batches.get(i)).toMillis();
            assertTrue(gap >= 900, "batches " + gap + " ms apart: " + batches);
        }
        assertEquals(0, stored(roomId, player).getInteger("score"));
        client.close();
    }

    @Test
    void aSnapshotFlushedBeforeItsMatchStartWaitsForTheMatchRow() throws Exception {
        // Snapshots are coalesced: a flush queued before a room's start can carry the room's first
        // snapshot. Its positions must wait for the match row, not be refused and then skipped.
        String roomId = "order-" + UUID.randomUUID();
        List<String> players = Matchmaker.players(3);
        List<PlayerInfo> roster = players.stream().map(id -> new PlayerInfo(id, "P", PlayerInfo.FALLBACK_COLORS)).toList();
        long now = System.currentTimeMillis();
        writer.snapshot(snapshotOf(roomId, players, now, 10));
        writer.writeNow(List.of(), Duration.ofSeconds(10)); // the flush above has run
        writer.matchStarted(Room.matchIdOf(roomId), roomId, now, Matchmaker.EPOCH, roster);
        writer.snapshot(snapshotOf(roomId, players, now + 100, 20));

        UUID player = UUID.fromString(players.get(0));
        GameNodeTest.awaitTrue(() -> {
            Row row = stored(roomId, player);
            return row != null && row.getFloat("x") == 20f;
        }, "the positions taken after the start");
    }

    @Test
    void aBatchUnderAnOlderGrantThanTheMatchsIsNotWritten() {
        // A node paused past its heartbeat lost the match to another node (grant 2); when it wakes,
        // its batch under grant 1 must not overwrite the new owner's positions.
        String roomId = "fence-" + UUID.randomUUID();
        List<String> players = Matchmaker.players(3);
        List<PlayerInfo> roster = players.stream().map(id -> new PlayerInfo(id, "P", PlayerInfo.FALLBACK_COLORS)).toList();
        long now = System.currentTimeMillis();
        UUID player = UUID.fromString(players.get(0));
        matches.started(Room.matchIdOf(roomId), roomId, NODE, now, 1, roster).await().atMost(Duration.ofSeconds(5));
        matches.started(Room.matchIdOf(roomId), roomId, "the-new-owner", now, 2, roster).await().atMost(Duration.ofSeconds(5));

        matches.positions(snapshotOf(roomId, players, now + 100, 20, 2)).await().atMost(Duration.ofSeconds(5));
        matches.positions(snapshotOf(roomId, players, now + 200, 30, 1)).await().atMost(Duration.ofSeconds(5));
        assertEquals(20f, stored(roomId, player).getFloat("x"), "the older grant's batch is not written");
        matches.positions(snapshotOf(roomId, players, now + 300, 40, 2)).await().atMost(Duration.ofSeconds(5));
        assertEquals(40f, stored(roomId, player).getFloat("x"), "the owner's next batch is");
        // A late start record under the old grant does not take the match back.
        matches.started(Room.matchIdOf(roomId), roomId, NODE, now, 1, roster).await().atMost(Duration.ofSeconds(5));
        matches.positions(snapshotOf(roomId, players, now + 400, 50, 1)).await().atMost(Duration.ofSeconds(5));
        assertEquals(40f, stored(roomId, player).getFloat("x"));
    }

    private static RoomSnapshot snapshotOf(String roomId, List<String> players, long takenAt, double x) {
        return snapshotOf(roomId, players, takenAt, x, Matchmaker.EPOCH);
    }

    private static RoomSnapshot snapshotOf(String roomId, List<String> players, long takenAt, double x, long epoch) {
        return new RoomSnapshot(roomId, Room.matchIdOf(roomId), epoch, takenAt + 60_000, takenAt,
                players.stream().map(id -> new RoomSnapshot.PlayerState(id, x, 30, 0, 0)).toList());
    }

    private Row stored(String roomId, UUID player) {
        RowSet<Row> rows = pool.preparedQuery(
                "SELECT x, y, score, position_at FROM match_players WHERE match_id = $1 AND player_id = $2 AND x IS NOT NULL")
                .execute(Tuple.of(Room.matchIdOf(roomId), player)).await().atMost(Duration.ofSeconds(5));
        return rows.size() == 0 ? null : rows.iterator().next();
    }
}
