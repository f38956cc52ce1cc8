package dev.arena.model.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RedisKeysTest {

    private static final RedisKeys KEYS = RedisKeys.DEFAULT;

    @Test
    void defaultShardKeysAreTheSchemasNamesBehindTheArenaTag() {
        assertEquals("arena", KEYS.shard());
        assertEquals("{arena}", KEYS.tag());
        assertEquals("{arena}:players_queue", KEYS.playersQueue());
        assertEquals("{arena}:lobby:joins", KEYS.lobbyJoins());
        assertEquals("{arena}:lobby:socket-seq", KEYS.lobbySocketSeq());
        assertEquals("{arena}:rooms:available", KEYS.roomsAvailable());
        assertEquals("{arena}:room:r1", KEYS.room("r1"));
        assertEquals("{arena}:room:r1:players", KEYS.roomPlayers("r1"));
        assertEquals("{arena}:room:r1:expiry", KEYS.roomExpiry("r1"));
        assertEquals("{arena}:room:r1:lease", KEYS.roomLease("r1"));
        assertEquals("{arena}:player:p1", KEYS.player("p1"));
        assertEquals("{arena}:game:nodes", KEYS.gameNodes());
        assertEquals("{arena}:game:node:game-0:heartbeat", KEYS.gameNodeHeartbeat("game-0"));
        assertEquals("{arena}:game:node:game-0:rooms", KEYS.gameNodeRooms("game-0"));
        assertEquals("{arena}:room-events", KEYS.roomEvents());
        assertEquals("{arena}:leaderboard", KEYS.leaderboard());
        assertEquals("room:{r1}:snapshot", KEYS.roomSnapshot("r1"));
    }

    @Test
    void everyMatchmakingKeyOfAShardHashesOnTheShardTag() {
        RedisKeys eu = new RedisKeys("eu-west_1");
        String room = "0b6a1c9e-6a57-4d1c-9a5e-2f0c2b7d9e11";
        List<String> keys = List.of(eu.playersQueue(), eu.lobbyJoins(), eu.lobbySocketSeq(), eu.roomsAvailable(), eu.room(room),
                eu.roomPlayers(room), eu.roomExpiry(room), eu.roomLease(room), eu.player("p"), eu.gameNodes(),
                eu.gameNodeHeartbeat("n"), eu.gameNodeRooms("n"), eu.roomEvents(), eu.leaderboard());
        for (String key : keys) {
            assertEquals("eu-west_1", clusterHashTag(key), key);
        }
    }

    @Test
    void aSnapshotHashesOnItsRoomId() {
        assertEquals("r1", clusterHashTag(KEYS.roomSnapshot("r1")));
        assertEquals("r2", clusterHashTag(new RedisKeys("eu").roomSnapshot("r2")));
    }

    @Test
    void expiryKeysGiveBackTheirRoomId() {
        assertEquals(Optional.of("r-1"), KEYS.roomIdOfExpiryKey(KEYS.roomExpiry("r-1")));
        assertEquals(Optional.empty(), KEYS.roomIdOfExpiryKey(KEYS.room("r-1")));
        assertEquals(Optional.empty(), KEYS.roomIdOfExpiryKey(KEYS.roomPlayers("r-1")));
        assertEquals(Optional.empty(), KEYS.roomIdOfExpiryKey(new RedisKeys("other").roomExpiry("r-1")));
        assertEquals(Optional.empty(), KEYS.roomIdOfExpiryKey("{arena}:room::expiry"));
        assertEquals(Optional.empty(), KEYS.roomIdOfExpiryKey("{arena}:room:expiry"));
        assertEquals(Optional.empty(), KEYS.roomIdOfExpiryKey("{arena}:room:a:b:expiry"));
        assertEquals(Optional.empty(), KEYS.roomIdOfExpiryKey(null));
    }

    @Test
    void unsafeIdsAreRejected() {
        for (String bad : new String[] {null, "", " ", "a b", "a{b", "a}b", "a:b", "a*", "a?b", "a[b]", "x".repeat(129)}) {
            assertFalse(RedisKeys.isValidId(bad), String.valueOf(bad));
            assertThrows(IllegalArgumentException.class, () -> KEYS.room(bad), String.valueOf(bad));
            assertThrows(IllegalArgumentException.class, () -> new RedisKeys(bad), String.valueOf(bad));
        }
        assertThrows(IllegalArgumentException.class, () -> KEYS.player("{arena}"));
        assertThrows(IllegalArgumentException.class, () -> KEYS.gameNodeRooms("n:1"));
        assertThrows(IllegalArgumentException.class, () -> KEYS.roomSnapshot("}"));
        assertTrue(RedisKeys.isValidId("0b6a1c9e-6a57-4d1c-9a5e-2f0c2b7d9e11"));
        assertTrue(RedisKeys.isValidId("x".repeat(128)));
    }

    /** The part of a key Redis Cluster hashes: the first {...} with something inside, else the whole key. */
    private static String clusterHashTag(String key) {
        int open = key.indexOf('{');
        if (open >= 0) {
            int close = key.indexOf('}', open + 1);
            if (close > open + 1) {
                return key.substring(open + 1, close);
            }
        }
        return key;
    }
}
