package dev.arena.game.node;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arena.game.domain.Room;
import dev.arena.model.codes.CloseCode;
import dev.arena.model.keys.PlayerFields;
import dev.arena.model.keys.RedisKeys;
import dev.arena.model.keys.SnapshotFields;
import dev.arena.testsupport.IsolatedShardProfile;
import dev.arena.testsupport.JwtKeysResource;
import dev.arena.testsupport.TestTags;
import dev.arena.testsupport.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.PendingMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.value.SetArgs;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The node's hold on its rooms, checked with every heartbeat: a lease per room that it refreshes,
 * and a room that is no longer its own called off: moved back to waiting by the matchmaker (the
 * match closed in the stores), or granted to or leased by another node (sockets closed, handoff
 * acknowledged, everything else left to the new owner).
 */
@Tag(TestTags.REDIS_CLUSTER)
@QuarkusTest
@TestProfile(RoomWatchTest.Profile.class)
@QuarkusTestResource(JwtKeysResource.class)
class RoomWatchTest {

    static final String NODE = "game-watch-test";

    public static class Profile extends IsolatedShardProfile {
        @Override
        protected Map<String, String> overrides() {
            return Map.of("arena.game.node-id", NODE);
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

    private Matchmaker matchmaker;

    @BeforeEach
    void setUp() {
        matchmaker = new Matchmaker(redis, keys);
    }

    @Test
    void theNodeHoldsALeaseOnEachRoomAndRefreshesItWithItsHeartbeat() throws Exception {
        String roomId = runningRoom(Matchmaker.players(3));
        assertEquals(NODE, redis.value(String.class).get(keys.roomLease(roomId)));
        long ttl = redis.key().pttl(keys.roomLease(roomId));
        assertTrue(ttl > 0 && ttl <= RedisKeys.ROOM_LEASE_TTL.toMillis(), "lease ttl " + ttl);

        Thread.sleep(RedisKeys.ROOM_LEASE_TTL.toMillis() - 500);
        long later = redis.key().pttl(keys.roomLease(roomId));
        assertTrue(later > 1_000, "refreshed, not running out: " + later + " ms left");
        assertEquals(NODE, redis.value(String.class).get(keys.roomLease(roomId)));
    }

    @Test
    void aRoomTheMatchmakerMovesBackToWaitingIsCalledOff() throws Exception {
        List<String> players = Matchmaker.players(3);
        String roomId = runningRoom(players);
        String entryId = matchmaker.lastEntryId;
        GameClient arrived = GameClient.join(base, NODE, roomId, players.get(0));

        matchmaker.revertToWaiting(roomId, List.of(players.get(0)));

        assertEquals(CloseCode.MATCH_CANCELLED, arrived.closed.get(5, TimeUnit.SECONDS));
        GameNodeTest.awaitTrue(() -> !pending().contains(entryId), "the handoff acknowledged");
        assertFalse(liveRooms().contains(roomId));
        assertFalse(redis.key().exists(keys.roomSnapshot(roomId)));
        assertFalse(redis.key().exists(keys.roomLease(roomId)));
        // The room and its members are the matchmaker's again: the node leaves them as they are.
        assertEquals("waiting", matchmaker.roomState(roomId));
        assertEquals("in_room", redis.hash(String.class).hget(keys.player(players.get(0)), PlayerFields.STATUS));
        GameNodeTest.awaitTrue(() -> "called_off".equals(endReason(roomId)), "the match row closed");
        RowSet<Row> totals = pool.preparedQuery("SELECT 1 FROM leaderboard l JOIN match_players m ON m.player_id = l.player_id "
                + "WHERE m.match_id = $1").execute(Tuple.of(Room.matchIdOf(roomId))).await().atMost(Duration.ofSeconds(5));
        assertEquals(0, totals.size(), "a called-off match counts for no one");
    }

    @Test
    void aRoomLeasedByAnotherNodeIsLeftToIt() throws Exception {
        List<String> players = Matchmaker.players(3);
        String roomId = runningRoom(players);
        String entryId = matchmaker.lastEntryId;
        GameClient client = GameClient.join(base, NODE, roomId, players.get(0));

        // What a takeover will do once this node's lease ran out; here it simply takes it.
        redis.value(String.class).set(keys.roomLease(roomId), "game-other", new SetArgs().px(Duration.ofMinutes(1)));

        assertEquals(CloseCode.ROOM_NOT_FOUND, client.closed.get(5, TimeUnit.SECONDS));
        GameNodeTest.awaitTrue(() -> !pending().contains(entryId), "the handoff acknowledged");
        assertEquals("game-other", redis.value(String.class).get(keys.roomLease(roomId)), "the new owner's lease stays");
        assertEquals("running", matchmaker.roomState(roomId));
    }

    @Test
    void aRoomTakenOverWhileThisNodeWasUnreachableIsLetGoAndLeftAsItIs() throws Exception {
        List<String> players = Matchmaker.players(3);
        String roomId = runningRoom(players);
        String entryId = matchmaker.lastEntryId;
        GameClient client = GameClient.join(base, NODE, roomId, players.get(0));
        GameNodeTest.awaitTrue(() -> redis.key().exists(keys.roomSnapshot(roomId)), "a snapshot stored");

        // What takeover.lua does: the room keeps running under a new grant to another node.
        redis.hash(String.class).hset(keys.room(roomId), Map.of("node", "game-other", "epoch", "2"));
        redis.key().del(keys.roomLease(roomId));

        assertEquals(CloseCode.ROOM_NOT_FOUND, client.closed.get(5, TimeUnit.SECONDS), "the client asks the lobby where the match went");
        GameNodeTest.awaitTrue(() -> !pending().contains(entryId), "the handoff acknowledged");
        assertFalse(liveRooms().contains(roomId));
        assertTrue(redis.key().exists(keys.roomSnapshot(roomId)), "the snapshot the new owner restores from stays");
        assertFalse(redis.key().exists(keys.roomLease(roomId)), "no lease taken back");
        assertEquals("running", matchmaker.roomState(roomId));
        Thread.sleep(1_000);
        assertEquals(null, endReason(roomId), "the match row stays open for the new owner");
    }

    @Test
    void aSnapshotOfALaterGrantIsNeverOverwrittenByThisNode() throws Exception {
        List<String> players = Matchmaker.players(3);
        String roomId = runningRoom(players);
        GameClient.join(base, NODE, roomId, players.get(0));
        GameNodeTest.awaitTrue(() -> redis.key().exists(keys.roomSnapshot(roomId)), "a snapshot stored");
        assertEquals(Long.toString(Matchmaker.EPOCH), redis.hash(String.class).hget(keys.roomSnapshot(roomId), SnapshotFields.EPOCH));

        // The new owner's first snapshot after a takeover, while this node still runs its copy.
        redis.hash(String.class).hset(keys.roomSnapshot(roomId), Map.of(SnapshotFields.EPOCH, "2", SnapshotFields.TAKEN_AT, "1"));
        Thread.sleep(2_500); // more than two snapshot intervals of this node

        assertEquals("1", redis.hash(String.class).hget(keys.roomSnapshot(roomId), SnapshotFields.TAKEN_AT),
                "this node's writes under the older grant were refused");
    }

    private String runningRoom(List<String> players) throws InterruptedException {
        String roomId = matchmaker.startRoom(NODE, players);
        GameNodeTest.awaitTrue(() -> liveRooms().contains(roomId), "room listed");
        return roomId;
    }

    private List<String> liveRooms() {
        return given().auth().oauth2(TestTokens.admin()).get("/admin/rooms").then().extract().path("rooms.roomId");
    }

    private List<String> pending() {
        return redis.stream(String.class).xpending(keys.gameNodeRooms(NODE), RedisKeys.NODE_GROUP, StreamRange.of("-", "+"), 100)
                .stream().map(PendingMessage::getMessageId).toList();
    }

    private String endReason(String roomId) {
        RowSet<Row> rows = pool.preparedQuery("SELECT end_reason FROM matches WHERE room_id = $1").execute(Tuple.of(roomId))
                .await().atMost(Duration.ofSeconds(5));
        return rows.size() == 0 ? null : rows.iterator().next().getString("end_reason");
    }
}
