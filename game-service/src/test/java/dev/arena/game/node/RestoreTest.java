package dev.arena.game.node;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arena.game.domain.Room;
import dev.arena.model.codec.MessageCodec;
import dev.arena.model.events.RoomHandoff;
import dev.arena.model.keys.PlayerFields;
import dev.arena.model.keys.RedisKeys;
import dev.arena.model.keys.RoomFields;
import dev.arena.model.keys.SnapshotFields;
import dev.arena.model.protocol.GameServerMessage.Snapshot;
import dev.arena.model.protocol.GameServerMessage.Start;
import dev.arena.model.protocol.SnapshotPlayer;
import dev.arena.testsupport.IsolatedShardProfile;
import dev.arena.testsupport.JwtKeysResource;
import dev.arena.testsupport.TestTags;
import dev.arena.testsupport.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A node that restarts (as after {@code kill -9}) finds the rooms it was running in its pending
 * handoffs and resumes them, taking back its own leases: one from its Redis snapshot, one whose
 * snapshot Redis lost, from the position batches in PostgreSQL (put back into Redis first). The
 * state is written before the node starts, exactly as a node that died mid-match leaves it.
 */
@Tag(TestTags.REDIS_CLUSTER)
@QuarkusTest
@TestProfile(RestoreTest.Profile.class)
@QuarkusTestResource(JwtKeysResource.class)
class RestoreTest {

    // Quarkus loads this class more than once (profile, resource, test), so the random names are
    // kept where every class loader sees the same: system properties.
    static final String SHARD = once("shard", () -> "game-test-" + UUID.randomUUID().toString().substring(0, 8));
    static final String NODE = "game-restore-test";
    static final String ROOM = once("room", () -> "r-" + UUID.randomUUID());
    static final List<String> PLAYERS = List.of(once("players", () -> String.join(",", Matchmaker.players(3))).split(","));
    static final String LOST_ROOM = once("lost-room", () -> "r-" + UUID.randomUUID());
    static final List<String> LOST_PLAYERS =
            List.of(once("lost-players", () -> String.join(",", Matchmaker.players(3))).split(","));

    /**
     * When the lost room's match started: 30 s before the state is prepared (the first call, from
     * the test resource, right before the node starts), not before the class is loaded, which in
     * a full suite can be minutes earlier: the 3-minute match would be over when the node restores it.
     */
    static long lostRoomStarted() {
        return Long.parseLong(once("lost-started", () -> Long.toString(System.currentTimeMillis() - 30_000)));
    }

    private static String once(String name, Supplier<String> value) {
        return (String) System.getProperties().computeIfAbsent("arena.restore-test." + name, key -> value.get());
    }

    /** The shard of {@link #SHARD}: the state is prepared before the profile's own random shard could be known. */
    public static class Profile extends IsolatedShardProfile {
        @Override
        protected String shard() {
            return SHARD;
        }

        @Override
        protected Map<String, String> overrides() {
            return Map.of("arena.game.node-id", NODE);
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DeadNodeState.class));
        }
    }

    /**
     * What a node killed mid-match leaves behind: delivered, unacknowledged handoffs and the running
     * rooms; one with its snapshot in Redis, one with only the position batches in PostgreSQL.
     */
    public static class DeadNodeState implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            RedisKeys keys = new RedisKeys(SHARD);
            long now = System.currentTimeMillis();
            try (RedisScript redis = new RedisScript(); Connection db = TestDatabase.open()) {
                String stream = keys.gameNodeRooms(NODE);
                redis.run("XGROUP", "CREATE", stream, RedisKeys.NODE_GROUP, "0", "MKSTREAM");
                runningRoom(redis, keys, ROOM, PLAYERS, now - 30_000);
                runningRoom(redis, keys, LOST_ROOM, LOST_PLAYERS, lostRoomStarted());
                // The dead node's lease has not run out yet: a restart under the same id takes it back.
                redis.run("SET", keys.roomLease(ROOM), NODE, "PX", "60000");
                redis.run("XREADGROUP", "GROUP", RedisKeys.NODE_GROUP, NODE, "COUNT", "10", "STREAMS", stream, ">");
                redis.run("HSET", keys.roomSnapshot(ROOM), SnapshotFields.ENDS_AT, Long.toString(now + 120_000),
                        SnapshotFields.TAKEN_AT, Long.toString(now - 500), SnapshotFields.player(PLAYERS.get(0)),
                        "123.5,456.25,7,2", SnapshotFields.player(PLAYERS.get(1)), "900.0,300.0,1,0");
                positionBatch(db, now - 4_000);
            } catch (IOException | SQLException e) {
                throw new IllegalStateException("could not leave a dead node's state", e);
            }
            return Map.of();
        }

        private static void runningRoom(RedisScript redis, RedisKeys keys, String room, List<String> players, long startedAt)
                throws IOException {
            List<String> xadd = new ArrayList<>(List.of("XADD", keys.gameNodeRooms(NODE), "*"));
            new RoomHandoff(room, Matchmaker.EPOCH, startedAt, false, Matchmaker.ARRIVAL_TIMEOUT_MS, Matchmaker.roster(players))
                    .toFields(new MessageCodec())
                    .forEach((field, value) -> {
                xadd.add(field);
                xadd.add(value);
            });
            redis.run(xadd.toArray(String[]::new));
            redis.run("HSET", keys.room(room), RoomFields.STATE, "running", RoomFields.NODE, NODE, RoomFields.EPOCH,
                    Long.toString(Matchmaker.EPOCH));
            redis.run("SADD", keys.roomPlayers(room), players.get(0), players.get(1), players.get(2));
            for (String player : players) {
                redis.run("HSET", keys.player(player), PlayerFields.NAME, "Back", PlayerFields.STATUS, "in_game",
                        PlayerFields.ROOM, room, PlayerFields.NODE, NODE);
            }
        }

        /** The lost room's last batch: two players with positions, one who never had any. */
        private static void positionBatch(Connection db, long at) throws SQLException {
            UUID matchId = Room.matchIdOf(LOST_ROOM);
            try (PreparedStatement players = db.prepareStatement(
                    "INSERT INTO players (id, name, primary_color, secondary_color) VALUES (?, 'Back', '#ff0000', '#00ff00')");
                    PreparedStatement match = db.prepareStatement(
                            "INSERT INTO matches (id, room_id, node_id, started_at) VALUES (?, ?, ?, ?)");
                    PreparedStatement state = db.prepareStatement("""
                            INSERT INTO match_players (match_id, player_id, score, hits_taken, x, y, position_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
                for (String player : LOST_PLAYERS) {
                    players.setObject(1, UUID.fromString(player));
                    players.executeUpdate();
                }
                match.setObject(1, matchId);
                match.setString(2, LOST_ROOM);
                match.setString(3, NODE);
                match.setTimestamp(4, new Timestamp(lostRoomStarted()));
                match.executeUpdate();
                Object[][] rows = {{LOST_PLAYERS.get(0), 4, 3, 321.5f, 654.25f}, {LOST_PLAYERS.get(1), 0, 1, 1000f, 200f},
                        {LOST_PLAYERS.get(2), 0, 0, null, null}};
                for (Object[] row : rows) {
                    state.setObject(1, matchId);
                    state.setObject(2, UUID.fromString((String) row[0]));
                    state.setInt(3, (Integer) row[1]);
                    state.setInt(4, (Integer) row[2]);
                    state.setObject(5, row[3]);
                    state.setObject(6, row[4]);
                    state.setTimestamp(7, row[3] == null ? null : new Timestamp(at));
                    state.executeUpdate();
                }
            }
        }

        @Override
        public void stop() {
            // the keys are in the test's own shard; the rows belong to this test's own match and players
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

    @Test
    void aRestartedNodeResumesItsMatchWithPositionsAndScores() throws Exception {
        awaitResumed(ROOM);
        GameClient client = connect(ROOM, PLAYERS.get(0));
        Start start = client.next(Start.class, s -> true);
        long left = start.endsAt() - System.currentTimeMillis();
        assertTrue(left > 100_000 && left <= 120_000, "the match keeps its end, " + left + " ms left");
        Snapshot snapshot = client.next(Snapshot.class, s -> true);
        SnapshotPlayer me = GameNodeTest.entry(snapshot, PLAYERS.get(0));
        assertEquals(123.5, me.x(), GameClient.POSITION_STEP);
        assertEquals(456.25, me.y(), GameClient.POSITION_STEP);
        assertEquals(7, me.score());
        client.close();
        assertEquals(NODE, redis.value(String.class).get(keys.roomLease(ROOM)));
        GameNodeTest.awaitTrue(() -> redis.key().pttl(keys.roomLease(ROOM)) <= RedisKeys.ROOM_LEASE_TTL.toMillis(),
                "its own lease taken back and refreshed");
    }

    @Test
    void aMatchWhoseSnapshotRedisLostResumesFromPostgresql() throws Exception {
        awaitResumed(LOST_ROOM);
        long endsAt = lostRoomStarted() + Duration.ofMinutes(3).toMillis();

        // Put back into Redis first, so a second crash finds it there.
        Map<String, String> stored = redis.hash(String.class).hgetall(keys.roomSnapshot(LOST_ROOM));
        assertEquals(Long.toString(endsAt), stored.get(SnapshotFields.ENDS_AT));
        assertEquals("321.5,654.25,4,3", stored.get(SnapshotFields.player(LOST_PLAYERS.get(0))));
        assertEquals("1000.0,200.0,0,1", stored.get(SnapshotFields.player(LOST_PLAYERS.get(1))));
        assertFalse(stored.containsKey(SnapshotFields.player(LOST_PLAYERS.get(2))), "no position was ever stored for it");

        // Then into the room: position, score and the match's end.
        GameClient client = connect(LOST_ROOM, LOST_PLAYERS.get(0));
        Start start = client.next(Start.class, s -> true);
        assertEquals(endsAt, start.endsAt(), 100);
        SnapshotPlayer me = GameNodeTest.entry(client.next(Snapshot.class, s -> true), LOST_PLAYERS.get(0));
        assertEquals(321.5, me.x(), GameClient.POSITION_STEP);
        assertEquals(654.25, me.y(), GameClient.POSITION_STEP);
        assertEquals(4, me.score());

        // Hits taken came back too: the result the room stores at its end carries them.
        given().auth().oauth2(TestTokens.admin()).post("/admin/rooms/" + LOST_ROOM + "/end").then().statusCode(200);
        GameNodeTest.awaitTrue(() -> ended(LOST_ROOM), "the result stored");
        Map<String, Integer> hits = new HashMap<>();
        for (Row row : pool.preparedQuery("SELECT player_id, hits_taken FROM match_players WHERE match_id = $1")
                .execute(Tuple.of(Room.matchIdOf(LOST_ROOM))).await().atMost(Duration.ofSeconds(5))) {
            hits.put(row.getUUID("player_id").toString(), row.getInteger("hits_taken"));
        }
        assertEquals(3, hits.get(LOST_PLAYERS.get(0)));
        assertEquals(1, hits.get(LOST_PLAYERS.get(1)));
        client.close();
    }

    private boolean ended(String roomId) {
        return pool.preparedQuery("SELECT 1 FROM matches WHERE room_id = $1 AND ended_at IS NOT NULL").execute(Tuple.of(roomId))
                .await().atMost(Duration.ofSeconds(5)).size() == 1;
    }

    private static void awaitResumed(String roomId) throws InterruptedException {
        // The node restores pending rooms right after it starts, in the background.
        GameNodeTest.awaitTrue(() -> given().auth().oauth2(TestTokens.admin()).get("/admin/rooms").then().extract()
                .<List<String>>path("rooms.roomId").contains(roomId), "room " + roomId + " resumed");
    }

    private GameClient connect(String roomId, String playerId) throws Exception {
        URI uri = GameClient.uri(base, NODE, roomId);
        return GameClient.connect(uri, TestTokens.player(playerId));
    }
}
