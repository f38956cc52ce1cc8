package dev.arena.lobby.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.arena.model.codec.MessageCodec;
import dev.arena.model.keys.RedisKeys;
import dev.arena.model.protocol.LobbyServerMessage;
import dev.arena.model.protocol.LobbyServerMessage.QueueStatus;
import dev.arena.model.state.PlayerStatus;
import dev.arena.testsupport.JwtKeysResource;
import dev.arena.testsupport.ShardKeys;
import dev.arena.testsupport.SocketTestClient;
import dev.arena.testsupport.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many sockets dropping at once (a network blip, an edge restart): their graces end together, and
 * every one of those players still leaves the queue, even with a Redis pool far smaller than the
 * number of removals due at that moment.
 */
@QuarkusTest
@TestProfile(MassDisconnectTest.Profile.class)
@QuarkusTestResource(JwtKeysResource.class)
class MassDisconnectTest {

    private static final int PLAYERS = 120;

    /** A pool of 2 connections and 8 waiters: 120 removals at once would overflow it. */
    public static class Profile extends ShardProfile {
        @Override
        protected Map<String, String> overrides() {
            Map<String, String> overrides = new HashMap<>(super.overrides());
            overrides.put("quarkus.redis.max-pool-size", "2");
            overrides.put("quarkus.redis.max-pool-waiting", "8");
            return overrides;
        }
    }

    @TestHTTPResource("/lobby")
    URI lobby;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Inject
    MessageCodec codec;

    @AfterEach
    void cleanUp() {
        ShardKeys.deleteAll(redis, keys);
    }

    @Test
    void everyPlayerWhoseSocketDroppedLeavesTheQueueAfterTheGrace() throws Exception {
        URI ws = URI.create(lobby.toString().replaceFirst("^http", "ws"));
        List<SocketTestClient<LobbyServerMessage>> clients = new ArrayList<>();
        for (int i = 0; i < PLAYERS; i++) {
            SocketTestClient<LobbyServerMessage> client = SocketTestClient.connect(ws,
                    TestTokens.player(UUID.randomUUID().toString()), codec::decodeLobbyServer);
            client.next(QueueStatus.class, m -> true);
            client.socket().sendText("{\"t\":\"queue\"}", true);
            client.next(QueueStatus.class, m -> m.status() == PlayerStatus.QUEUED);
            clients.add(client);
        }
        assertEquals(PLAYERS, queued());

        for (SocketTestClient<LobbyServerMessage> client : clients) {
            client.socket().sendClose(1000, "bye");
        }

        // The grace is 1 s in this profile; removals that find the pool full are retried.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (queued() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(0, queued(), "players left queued without a socket");
    }

    /** The queue's length; this test shares the lobby's small pool, so a read that finds it full is tried again. */
    private long queued() throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return redis.sortedSet(String.class).zcard(keys.playersQueue());
            } catch (RuntimeException busy) {
                if (attempt == 50) {
                    throw busy;
                }
                Thread.sleep(100);
            }
        }
    }
}
