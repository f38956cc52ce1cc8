package dev.arena.lobby.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The presence refresh of a status round ({@code presence.lua}) against the real Redis, for more sockets than one script call takes. */
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
    void aRoundMarksEveryPlayerAndReportsOnlyThoseWithSomethingToBeTold() {
        // 1,500 players: six script calls in one pipeline; the reports' indices must map back across calls.
        int players = 6 * PresenceStore.PLAYERS_PER_CALL - 36;
        List<PresenceStore.Online> online = new ArrayList<>();
        for (int i = 0; i < players; i++) {
            online.add(new PresenceStore.Online(UUID.randomUUID().toString(), "sid-" + i, i + 1, PlayerStatus.IDLE));
        }
        String queued = told(online, 0, PlayerStatus.QUEUED);
        String neverTold = told(online, PresenceStore.PLAYERS_PER_CALL + 3, null);
        String placed = told(online, players - 2, PlayerStatus.QUEUED);
        String settled = online.get(players - 1).playerId();
        String arrived = told(online, players - 3, PlayerStatus.IN_ROOM);
        String gone = told(online, players - 4, PlayerStatus.IN_ROOM);
        redis.hash(String.class).hset(keys.player(queued), Map.of("status", "queued", "joined_timestamp", "1000"));
        redis.sortedSet(String.class).zadd(keys.playersQueue(), 1000, queued);
        redis.sortedSet(String.class).zadd(keys.playersQueue(), 2000, "someone-else");
        redis.hash(String.class).hset(keys.player(placed), Map.of("status", "in_room", "room", "r1", "joined_timestamp", "1500"));
        // Told in_room and now in_game is no news (match.ready sent them to the game); told in_room
        // and now without a record (the match is over: idle) is.
        redis.hash(String.class).hset(keys.player(arrived), Map.of("status", "in_game", "room", "r2", "node", "n1"));

        PresenceStore.Refresh refresh = presence.refresh(online).await().atMost(Duration.ofSeconds(10));

        assertEquals(Set.of(queued, neverTold, placed, gone), refresh.standings().keySet());
        assertEquals(PlayerStatus.IDLE, refresh.standings().get(gone).record().status());
        assertEquals(2, refresh.queueLength());
        assertEquals(PlayerStatus.QUEUED, refresh.standings().get(queued).record().status());
        assertEquals(1000L, refresh.standings().get(queued).record().joinedAt());
        assertEquals(0L, refresh.standings().get(queued).rank());
        assertEquals(PlayerStatus.IDLE, refresh.standings().get(neverTold).record().status());
        assertNull(refresh.standings().get(neverTold).rank());
        assertEquals(new PlayerRecord(PlayerStatus.IN_ROOM, "r1", null, 1500L), refresh.standings().get(placed).record());
        assertNull(refresh.standings().get(placed).rank());
        // Settled players are not reported, but marked online all the same.
        assertEquals("sid-" + (players - 1), redis.hash(String.class).hget(keys.player(settled), "sid"));
        long ttl = redis.key().pttl(keys.player(settled));
        assertTrue(ttl > RedisKeys.PLAYER_TTL.toMillis() - 60_000 && ttl <= RedisKeys.PLAYER_TTL.toMillis(), "TTL " + ttl);
    }

    private static String told(List<PresenceStore.Online> online, int index, PlayerStatus lastTold) {
        PresenceStore.Online player = online.get(index);
        online.set(index, new PresenceStore.Online(player.playerId(), player.sid(), player.seq(), lastTold));
        return player.playerId();
    }
}
