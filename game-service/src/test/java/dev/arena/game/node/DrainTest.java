package dev.arena.game.node;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arena.game.domain.NodeDrain;
import dev.arena.model.codes.CloseCode;
import dev.arena.model.keys.RedisKeys;
import dev.arena.model.keys.SnapshotFields;
import dev.arena.model.protocol.SnapshotPlayer;
import dev.arena.testsupport.IsolatedShardProfile;
import dev.arena.testsupport.JwtKeysResource;
import dev.arena.testsupport.TestTags;
import dev.arena.testsupport.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.PendingMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What SIGTERM does, asked for by an operator ({@code POST /admin/drain}, the same drain): the node leaves {@code game:nodes}, writes a final snapshot
 * of its running room (the periodic one is a minute away here, so this one is the drain's), keeps
 * the handoff pending for a restart, and closes the sockets with 1001.
 */
@Tag(TestTags.REDIS_CLUSTER)
@QuarkusTest
@TestProfile(DrainTest.Profile.class)
@QuarkusTestResource(JwtKeysResource.class)
class DrainTest {

    static final String NODE = "game-drain-test";

    public static class Profile extends IsolatedShardProfile {
        @Override
        protected Map<String, String> overrides() {
            return Map.of("arena.game.node-id", NODE, "arena.game.snapshot-interval", "PT1M");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    NodeDrain drain;

    @Test
    void aDrainingNodeLeavesSnapshotsAndClosesWithGoingAway() throws Exception {
        GameNodeTest.awaitTrue(() -> redis.key().exists(keys.gameNodeHeartbeat(NODE)), "the node announced");
        Matchmaker matchmaker = new Matchmaker(redis, keys);
        List<String> players = Matchmaker.players(3);
        String roomId = matchmaker.startRoom(NODE, players);
        String entryId = matchmaker.lastEntryId;
        GameClient client = GameClient.join(base, NODE, roomId, players.get(0));
        client.input(false, true, false, false, 0, false);
        Thread.sleep(200);
        client.input(false, false, false, false, 0, false);
        Thread.sleep(200);
        SnapshotPlayer seen = GameNodeTest.entry(client.latestSnapshot(), players.get(0));
        assertFalse(redis.key().exists(keys.roomSnapshot(roomId)), "no periodic snapshot yet");

        given().auth().oauth2(TestTokens.player()).post("/admin/drain").then().statusCode(403);
        long before = System.currentTimeMillis();
        given().auth().oauth2(TestTokens.admin()).post("/admin/drain").then().statusCode(200)
                .body("nodeId", equalTo(NODE)).body("rooms", equalTo(1)).body("drained", equalTo(true));

        assertEquals(CloseCode.GOING_AWAY, client.closed.get(5, TimeUnit.SECONDS));
        assertFalse(redis.key().exists(keys.gameNodeHeartbeat(NODE)), "no heartbeat");
        Map<String, String> snapshot = redis.hash(String.class).hgetall(keys.roomSnapshot(roomId));
        assertTrue(Long.parseLong(snapshot.get(SnapshotFields.TAKEN_AT)) >= before, "the drain's own snapshot");
        SnapshotFields.PlayerValue stored = SnapshotFields.PlayerValue.parse(snapshot.get(SnapshotFields.player(players.get(0))));
        // The snapshot a client saw carries positions quantized (protocol version 2); the stored one in full.
        assertEquals(stored.x(), seen.x(), GameClient.POSITION_STEP);
        assertEquals(stored.y(), seen.y(), GameClient.POSITION_STEP);
        List<String> pending = redis.stream(String.class)
                .xpending(keys.gameNodeRooms(NODE), RedisKeys.NODE_GROUP, StreamRange.of("-", "+"), 10)
                .stream().map(PendingMessage::getMessageId).toList();
        assertTrue(pending.contains(entryId), "the handoff stays pending, so a restart resumes the room");
        assertEquals("running", matchmaker.roomState(roomId));
        given().auth().oauth2(TestTokens.admin()).get("/admin/rooms").then().statusCode(200)
                .body("drained", equalTo(true)).body("rooms.size()", equalTo(0));
        given().auth().oauth2(TestTokens.admin()).post("/admin/drain").then().statusCode(200)
                .body("rooms", equalTo(0)).body("drained", equalTo(true));
        assertTrue(drain.isDrained());

        Thread.sleep(1_500);
        assertFalse(redis.key().exists(keys.gameNodeHeartbeat(NODE)), "and it stays out");
    }
}
