package dev.arena.game.node;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arena.model.codes.CloseCode;
import dev.arena.model.events.NodeEvent;
import dev.arena.model.keys.RedisKeys;
import dev.arena.model.protocol.GameServerMessage.End;
import dev.arena.model.protocol.GameServerMessage.Snapshot;
import dev.arena.testsupport.Await;
import dev.arena.testsupport.JwtKeysResource;
import dev.arena.testsupport.OwnRedis;
import dev.arena.testsupport.OwnRedisProfile;
import dev.arena.testsupport.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A Redis of the test's own stalls ({@code CLIENT PAUSE}) and then restarts empty while a match
 * runs: the match keeps its snapshot cadence throughout, no player is dropped, the node answers
 * its REST API 503 and is unready while Redis is stalled, the match ends and is stored, and the
 * node takes new rooms from the restarted Redis.
 */
@QuarkusTest
@TestProfile(RedisOutageDuringMatchTest.Profile.class)
@QuarkusTestResource(JwtKeysResource.class)
class RedisOutageDuringMatchTest {

    public static class Profile extends ShardProfile {
        @Override
        protected Map<String, String> settings() {
            Map<String, String> config = new HashMap<>(OwnRedisProfile.redisHosts());
            config.put("arena.game.node-id", NODE);
            config.put("arena.game.match-length", "PT14S");
            config.put("arena.request.store-check-interval", "PT0.25S");
            return config;
        }
    }

    static final String NODE = "game-outage-test";

    /** Far above the snapshot interval (50 ms) and far below the outages: a tick that waited on Redis shows. */
    private static final Duration LONGEST_GAP = Duration.ofMillis(500);
    private static final Duration STALL = Duration.ofSeconds(3);
    private static final Duration DOWN = Duration.ofSeconds(3);
    /** Stall detection (a ping unanswered for 1 s, checked every 0.25 s) plus room for a busy machine. */
    private static final Duration BOUND = Duration.ofMillis(2_500);

    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    Pool pool;

    @Test
    void aMatchRidesOutAStalledAndARestartedRedis() throws Exception {
        Matchmaker matchmaker = new Matchmaker(redis, keys);
        List<String> players = Matchmaker.players(3);
        String roomId = matchmaker.startRoom(NODE, players);
        GameClient a = GameClient.join(base, NODE, roomId, players.get(0));
        GameClient b = GameClient.join(base, NODE, roomId, players.get(1));
        String token = TestTokens.player(players.get(2));
        given().auth().oauth2(token).when().get("/game/api/leaderboard/me").then().statusCode(200);

        OwnRedis.shared().pause(STALL);
        Await.within(BOUND, "the leaderboard", () -> given().auth().oauth2(token).when().get("/game/api/leaderboard/me")
                .then().statusCode(503).header("Retry-After", notNullValue()).body("code", equalTo("unavailable")));
        given().when().get("/q/health/ready").then().statusCode(503);
        assertSnapshotsKeepComing(a, STALL);
        GameNodeTest.awaitTrue(() -> given().when().get("/q/health/ready").statusCode() == 200, "ready once Redis answers");

        OwnRedis.shared().stop();
        assertSnapshotsKeepComing(a, DOWN);
        OwnRedis.shared().startAgain(); // empty: no streams, no groups, no scripts

        End end = a.next(End.class, e -> true, Duration.ofSeconds(20));
        assertEquals(3, end.scores().size(), "every member's score, through both outages");
        assertEquals(CloseCode.MATCH_OVER, a.closed.get(10, TimeUnit.SECONDS));
        assertEquals(CloseCode.MATCH_OVER, b.closed.get(10, TimeUnit.SECONDS));
        assertEquals(1, pool.preparedQuery("SELECT id FROM matches WHERE room_id = $1").execute(Tuple.of(roomId))
                .await().atMost(Duration.ofSeconds(5)).size(), "the result is stored");
        GameNodeTest.awaitTrue(() -> matchmaker.reported(NodeEvent.ended(roomId, NODE, Matchmaker.EPOCH)),
                "the end reported to the restarted Redis");

        List<String> next = Matchmaker.players(3);
        String nextRoom = matchmaker.startRoom(NODE, next);
        GameClient.join(base, NODE, nextRoom, next.get(0)).close();
    }

    /** Reads {@code client}'s snapshots for {@code period}: none may come later than {@link #LONGEST_GAP} after the one before. */
    private static void assertSnapshotsKeepComing(GameClient client, Duration period) throws Exception {
        client.latestSnapshot();
        long last = System.nanoTime();
        long until = last + period.toNanos();
        long longest = 0;
        while (System.nanoTime() < until) {
            client.input(false, false, true, false, 0, false);
            client.next(Snapshot.class, s -> true, LONGEST_GAP.multipliedBy(4));
            long now = System.nanoTime();
            longest = Math.max(longest, now - last);
            last = now;
        }
        assertTrue(longest <= LONGEST_GAP.toNanos(), "a snapshot came " + Duration.ofNanos(longest).toMillis() + " ms after the one before");
        assertTrue(client.closed.getNow(null) == null, "the socket stayed open");
    }
}
