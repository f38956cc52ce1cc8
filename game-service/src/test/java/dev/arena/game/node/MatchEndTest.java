package dev.arena.game.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arena.model.codes.CloseCode;
import dev.arena.model.events.NodeEvent;
import dev.arena.model.keys.RedisKeys;
import dev.arena.model.protocol.GameServerMessage.End;
import dev.arena.model.protocol.GameServerMessage.Snapshot;
import dev.arena.testsupport.JwtKeysResource;
import dev.arena.testsupport.TestTags;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A short match runs out: everyone gets {@code end} and 4010, results land in PostgreSQL and the leaderboard, players are free. */
@Tag(TestTags.REDIS_CLUSTER)
@QuarkusTest
@TestProfile(MatchEndTest.Profile.class)
@QuarkusTestResource(JwtKeysResource.class)
class MatchEndTest {

    public static class Profile extends ShardProfile {
        @Override
        protected Map<String, String> settings() {
            return Map.of("arena.game.node-id", NODE, "arena.game.match-length", "PT3S");
        }
    }

    static final String NODE = "game-end-test";

    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    Pool pool;

    @Test
    void aMatchThatRunsOutIsStoredAndReportedEnded() throws Exception {
        Matchmaker matchmaker = new Matchmaker(redis, keys);
        List<String> players = Matchmaker.players(3);
        String roomId = matchmaker.startRoom(NODE, players);
        GameClient a = GameClient.join(base, NODE, roomId, players.get(0));
        GameClient b = GameClient.join(base, NODE, roomId, players.get(1));
        for (int i = 0; i < 5; i++) {
            a.input(false, true, false, false, 0, false);
            Thread.sleep(30);
        }
        a.next(Snapshot.class, s -> true);

        End end = a.next(End.class, e -> true, Duration.ofSeconds(10));
        assertEquals(roomId, end.roomId());
        assertEquals(3, end.scores().size(), "every member, including one who never came");
        assertEquals(CloseCode.MATCH_OVER, a.closed.get(10, TimeUnit.SECONDS));
        assertEquals(CloseCode.MATCH_OVER, b.closed.get(10, TimeUnit.SECONDS));

        GameNodeTest.awaitTrue(() -> matchmaker.reported(NodeEvent.ended(roomId, NODE, Matchmaker.EPOCH)),
                "the end reported, on which the matchmaker frees the players to queue again");
        // The node cleans up right after its report (StoreWriter): the snapshot, its lease, then the handoff.
        GameNodeTest.awaitTrue(() -> !redis.key().exists(keys.roomSnapshot(roomId)), "the snapshot deleted");
        GameNodeTest.awaitTrue(() -> !redis.key().exists(keys.roomLease(roomId)), "the node's lease given up");
        GameNodeTest.awaitTrue(() -> redis.stream(String.class).xpending(keys.gameNodeRooms(NODE), RedisKeys.NODE_GROUP)
                .getPendingCount() == 0, "the handoff acknowledged once the result is stored");
        assertTrue(redis.key().exists(keys.room(roomId)), "the room's record is the matchmaker's to delete");

        RowSet<Row> match = pool.preparedQuery("SELECT id, node_id, ended_at, end_reason FROM matches WHERE room_id = $1")
                .execute(Tuple.of(roomId)).await().atMost(Duration.ofSeconds(5));
        assertEquals(1, match.size());
        Row row = match.iterator().next();
        assertEquals(NODE, row.getString("node_id"));
        assertEquals("completed", row.getString("end_reason"));
        UUID matchId = row.getUUID("id");
        RowSet<Row> results = pool.preparedQuery("SELECT player_id, score, x, y FROM match_players WHERE match_id = $1")
                .execute(Tuple.of(matchId)).await().atMost(Duration.ofSeconds(5));
        assertEquals(2, results.size(), "the two who played");
        for (Row result : results) {
            assertTrue(result.getValue("x") != null && result.getValue("y") != null);
        }
        RowSet<Row> totals = pool.preparedQuery("SELECT matches_played FROM leaderboard WHERE player_id = $1")
                .execute(Tuple.of(UUID.fromString(players.get(0)))).await().atMost(Duration.ofSeconds(5));
        assertEquals(1, totals.iterator().next().getInteger("matches_played"));
    }
}
