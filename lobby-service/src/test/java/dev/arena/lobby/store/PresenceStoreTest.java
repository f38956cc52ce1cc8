package dev.arena.lobby.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.arena.lobby.queue.ShardProfile;
import dev.arena.model.keys.RedisKeys;
import dev.arena.model.state.PlayerStatus;
import dev.arena.testsupport.JwtKeysResource;
import dev.arena.testsupport.ShardKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The presence refresh of a status round against the real Redis, for more sockets than one pipeline may carry. */
@QuarkusTest
@TestProfile(PresenceStoreTest.Profile.class)
@QuarkusTestResource(JwtKeysResource.class)
class PresenceStoreTest {

    public static class Profile extends ShardProfile {}

    @Inject
    PresenceStore presence;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @AfterEach
    void cleanUp() {
        ShardKeys.deleteAll(redis, keys);
    }

    @Test
    void aRoundOfThousandsOfSocketsMarksAndReadsEveryPlayer() {
        // 1,500 players are 6,001 commands: above the 2,048 the Redis client takes per pipeline.
        int players = 6 * PresenceStore.PLAYERS_PER_PIPELINE - 36;
        Map<String, String> sids = new LinkedHashMap<>();
        for (int i = 0; i < players; i++) {
            sids.put(UUID.randomUUID().toString(), "sid-" + i);
        }
        String queued = sids.keySet().iterator().next();
        String last = sids.keySet().stream().reduce((a, b) -> b).orElseThrow();
        redis.hash(String.class).hset(keys.player(queued), Map.of("status", "queued", "joined_timestamp", "1000"));
        redis.sortedSet(String.class).zadd(keys.playersQueue(), 1000, queued);
        redis.sortedSet(String.class).zadd(keys.playersQueue(), 2000, "someone-else");

        PresenceStore.Refresh refresh = presence.refresh(sids).await().atMost(Duration.ofSeconds(10));

        assertEquals(players, refresh.standings().size());
        assertEquals(2, refresh.queueLength());
        assertEquals(PlayerStatus.QUEUED, refresh.standings().get(queued).record().status());
        assertEquals(0L, refresh.standings().get(queued).rank());
        assertEquals(PlayerStatus.IDLE, refresh.standings().get(last).record().status());
        assertNull(refresh.standings().get(last).rank());
        assertEquals("sid-" + (players - 1), redis.hash(String.class).hget(keys.player(last), "sid"));
    }
}
