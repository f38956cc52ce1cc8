package dev.arena.game.node;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arena.game.config.GameConfig;
import dev.arena.model.events.NodeEvent;
import dev.arena.model.keys.RedisKeys;
import dev.arena.testsupport.JwtKeysResource;
import dev.arena.testsupport.SocketTestClient;
import dev.arena.testsupport.TestTags;
import dev.arena.testsupport.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A crowd's rooms reach a node at once: {@value #ROOMS} rooms of three are handed over together and
 * their players open their game sockets while the node is still taking them (as they do after
 * match.ready). Every room must be reported running, every member must get {@code start}, and the
 * node's heartbeat must stay alive throughout, so the matchmaker never takes the busy node for dead.
 */
@Tag(TestTags.REDIS_CLUSTER)
@QuarkusTest
@TestProfile(CrowdIntakeTest.Profile.class)
@QuarkusTestResource(JwtKeysResource.class)
class CrowdIntakeTest {

    public static class Profile extends ShardProfile {
        @Override
        protected Map<String, String> settings() {
            // Matches outlast the test; snapshots rarely, so the test measures the intake, not the writer.
            return Map.of("arena.game.node-id", NODE, "arena.game.snapshot-interval", "PT1M", "arena.game.positions-interval",
                    "PT10M");
        }
    }

    static final String NODE = "game-crowd-test";
    /** The 300 rooms at once; 900 sockets fit in CI's minute on two cores. */
    static final int ROOMS = 300;
    static final int MEMBERS = 3;
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final Logger LOG = Logger.getLogger(CrowdIntakeTest.class);

    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    GameConfig config;

    private final ConcurrentLinkedQueue<SocketTestClient<String>> clients = new ConcurrentLinkedQueue<>();

    @AfterEach
    void closeClients() {
        clients.forEach(SocketTestClient::close);
        clients.clear();
    }

    @Test
    void aNodeHandedThreeHundredRoomsAtOnceStartsThemAllAndEveryMemberGetsIn() throws Exception {
        GameNodeTest.awaitTrue(() -> redis.key().exists(keys.gameNodeHeartbeat(NODE)), "the node's first heartbeat");
        Matchmaker matchmaker = new Matchmaker(redis, keys);
        Map<String, List<String>> rooms = new java.util.LinkedHashMap<>();
        for (int i = 0; i < ROOMS; i++) {
            rooms.put("crowd-" + i + "-" + java.util.UUID.randomUUID(), Matchmaker.players(MEMBERS));
        }
        AtomicLong lowestHeartbeatTtl = new AtomicLong(Long.MAX_VALUE);
        ExecutorService connectors = Executors.newFixedThreadPool(64);
        ExecutorService watcher = Executors.newSingleThreadExecutor();
        try {
            Future<?> watching = watcher.submit(() -> watchHeartbeat(lowestHeartbeatTtl));
            long start = System.nanoTime();
            List<Future<?>> joins = new ArrayList<>();
            for (Map.Entry<String, List<String>> room : rooms.entrySet()) {
                matchmaker.handOff(NODE, room.getValue(), room.getKey());
                for (String player : room.getValue()) {
                    joins.add(connectors.submit(() -> {
                        join(room.getKey(), player);
                        return null;
                    }));
                }
            }
            for (Future<?> join : joins) {
                join.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
            long everyoneIn = System.nanoTime() - start;
            watching.cancel(true);

            // Reports go out in batches (every 50 ms), so the last ones may follow the last member in.
            GameNodeTest.awaitTrue(() -> reportedRooms(matchmaker, NodeEvent.Type.RUNNING).containsAll(rooms.keySet()),
                    "every room reported running");
            GameNodeTest.awaitTrue(() -> matchmaker.reports().stream().filter(report -> report.type() == NodeEvent.Type.ARRIVED)
                    .count() == ROOMS * MEMBERS, "every member's arrival reported");
            // On time, the key is refreshed with a beat's interval left of its TTL: a beat late at most.
            long latest = config.heartbeatTtl().minus(config.heartbeatInterval().multipliedBy(2)).toMillis();
            assertTrue(lowestHeartbeatTtl.get() > latest,
                    "the heartbeat key never came near expiry while the node took the crowd (lowest TTL "
                            + lowestHeartbeatTtl.get() + " ms of " + config.heartbeatTtl().toMillis() + ")");
            LOG.infof("%d rooms handed over at once: all %d members got start within %d ms; lowest heartbeat TTL %d ms", ROOMS,
                    ROOMS * MEMBERS, TimeUnit.NANOSECONDS.toMillis(everyoneIn), lowestHeartbeatTtl.get());
        } finally {
            connectors.shutdownNow();
            watcher.shutdownNow();
        }
    }

    /** Opens the player's game socket, retrying a refusal as the client does, until {@code start} arrives. */
    private void join(String roomId, String playerId) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                SocketTestClient<String> client = SocketTestClient.connect(GameClient.uri(base, NODE, roomId),
                        TestTokens.player(playerId), CrowdIntakeTest::type);
                clients.add(client);
                client.next(String.class, "start"::equals, WAIT);
                return;
            } catch (Exception refused) {
                if (System.nanoTime() > deadline) {
                    throw refused;
                }
                Thread.sleep(500);
            }
        }
    }

    /** A frame's {@code t}, read without decoding the rest (a crowd's snapshots are many). */
    private static String type(String frame) {
        int at = frame.indexOf("\"t\":\"");
        return at < 0 ? "" : frame.substring(at + 5, frame.indexOf('"', at + 5));
    }

    private void watchHeartbeat(AtomicLong lowest) {
        while (!Thread.currentThread().isInterrupted()) {
            lowest.accumulateAndGet(redis.key().pttl(keys.gameNodeHeartbeat(NODE)), Math::min);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static Set<String> reportedRooms(Matchmaker matchmaker, NodeEvent.Type type) {
        return matchmaker.reports().stream().filter(report -> report.type() == type).map(NodeEvent::roomId)
                .collect(Collectors.toSet());
    }
}
