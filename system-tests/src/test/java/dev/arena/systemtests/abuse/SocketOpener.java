package dev.arena.systemtests.abuse;

import dev.arena.systemtests.harness.RawWebSocket;
import java.io.IOException;

/** Opens a fuzzed player's socket again (from a fresh source address each time), after a close. */
public interface SocketOpener {
    RawWebSocket open() throws IOException;
}
