package dev.arena.game.node;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arena.model.events.RoomHandoff;
import dev.arena.model.keys.PlayerFields;
import dev.arena.model.keys.RedisKeys;
import dev.arena.model.keys.RoomFields;
import dev.arena.model.protocol.GameServerMessage.Snapshot;
import dev.arena.model.protocol.GameServerMessage.Start;
import dev.arena.model.protocol.SnapshotPlayer;
import dev.arena.testsupport.JwtKeysResource;
import dev.arena.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A node that restarts (as after {@code kill -9}) finds the room it was running in its pending
 * handoffs and resumes it from the Redis snapshot: the state is written before the node starts,
 * exactly as a node that died mid-match leaves it.
 */
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

    private static String once(String name, Supplier<String> value) {
        return (String) System.getProperties().computeIfAbsent("arena.restore-test." + name, key -> value.get());
    }

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("arena.shard.name", SHARD, "arena.game.node-id", NODE);
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DeadNodeState.class));
        }
    }

    /** What a node killed mid-match leaves in Redis: a delivered, unacknowledged handoff, the running room, its snapshot. */
    public static class DeadNodeState implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            RedisKeys keys = new RedisKeys(SHARD);
            long now = System.currentTimeMillis();
            try (RedisScript redis = new RedisScript()) {
                String stream = keys.gameNodeRooms(NODE);
                redis.run("XGROUP", "CREATE", stream, RedisKeys.NODE_GROUP, "0", "MKSTREAM");
                List<String> xadd = new ArrayList<>(List.of("XADD", stream, "*"));
                new RoomHandoff(ROOM, PLAYERS, now - 30_000).toFields().forEach((field, value) -> {
                    xadd.add(field);
                    xadd.add(value);
                });
                redis.run(xadd.toArray(String[]::new));
                redis.run("XREADGROUP", "GROUP", RedisKeys.NODE_GROUP, NODE, "COUNT", "10", "STREAMS", stream, ">");
                redis.run("HSET", keys.room(ROOM), RoomFields.STATE, "running", RoomFields.NODE, NODE);
                redis.run("SADD", keys.roomPlayers(ROOM), PLAYERS.get(0), PLAYERS.get(1), PLAYERS.get(2));
                for (String player : PLAYERS) {
                    redis.run("HSET", keys.player(player), PlayerFields.NAME, "Back", PlayerFields.STATUS, "in_game",
                            PlayerFields.ROOM, ROOM, PlayerFields.NODE, NODE);
                }
                redis.run("HSET", keys.roomSnapshot(ROOM), "ends_at", Long.toString(now + 120_000),
                        "taken_at", Long.toString(now - 500), "p:" + PLAYERS.get(0), "123.5,456.25,7,2",
                        "p:" + PLAYERS.get(1), "900.0,300.0,1,0");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of();
        }

        @Override
        public void stop() {
            // the keys are in the test's own shard
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void aRestartedNodeResumesItsMatchWithPositionsAndScores() throws Exception {
        // The node restores pending rooms right after it starts, in the background.
        GameNodeTest.awaitTrue(() -> given().auth().oauth2(TestTokens.admin()).get("/admin/rooms").then().extract()
                .<List<String>>path("rooms.roomId").contains(ROOM), "the room resumed");
        URI uri = URI.create(base.toString().replaceFirst("^http", "ws")).resolve("/game/" + NODE + "/" + ROOM);
        GameClient client = GameClient.connect(uri, TestTokens.player(PLAYERS.get(0)));
        Start start = client.next(Start.class, s -> true);
        long left = start.endsAt() - System.currentTimeMillis();
        assertTrue(left > 100_000 && left <= 120_000, "the match keeps its end, " + left + " ms left");
        Snapshot snapshot = client.next(Snapshot.class, s -> true);
        SnapshotPlayer me = GameNodeTest.entry(snapshot, PLAYERS.get(0));
        assertEquals(123.5, me.x(), 1e-9);
        assertEquals(456.25, me.y(), 1e-9);
        assertEquals(7, me.score());
        client.close();
    }
}
