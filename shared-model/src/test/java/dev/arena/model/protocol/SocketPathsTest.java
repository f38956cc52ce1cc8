package dev.arena.model.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** A game socket path names its node back. */
class SocketPathsTest {

    @Test
    void theNodeOfAGamePathIsTheOneItWasBuiltWith() {
        assertEquals("game-2", SocketPaths.gameNodeOf(SocketPaths.game("game-2", "r-1")));
    }

    @Test
    void otherPathsNameNoNode() {
        assertNull(SocketPaths.gameNodeOf(null));
        assertNull(SocketPaths.gameNodeOf("/lobby"));
        assertNull(SocketPaths.gameNodeOf("/game/"));
        assertNull(SocketPaths.gameNodeOf("/game//r-1"));
        assertNull(SocketPaths.gameNodeOf("/game/game-1/"));
        assertNull(SocketPaths.gameNodeOf("/game/game-1"));
    }
}
