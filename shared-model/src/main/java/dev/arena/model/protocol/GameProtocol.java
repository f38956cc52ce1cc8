package dev.arena.model.protocol;

import java.util.List;

/**
 * The versions of the game socket's protocol, negotiated at the upgrade as the subprotocol a
 * client offers first (docs/protocol.md). Version 1 is all JSON text, for debugging and old
 * clients; version 2 carries the two frequent messages, {@code snap} and {@code in}, as compact
 * binary frames ({@code BinaryFrames}) and every other message as in version 1.
 */
public enum GameProtocol {

    /** JSON text frames only. */
    V1(SocketAuth.SUBPROTOCOL),
    /** Binary {@code snap} and {@code in}; JSON text for the rest. */
    V2("arena.v2");

    private final String subprotocol;

    GameProtocol(String subprotocol) {
        this.subprotocol = subprotocol;
    }

    /** The subprotocol name that selects this version. */
    public String subprotocol() {
        return subprotocol;
    }

    /** The version a negotiated subprotocol selects; version 1 when none was (a client that offered none). */
    public static GameProtocol of(String negotiatedSubprotocol) {
        return V2.subprotocol.equals(negotiatedSubprotocol) ? V2 : V1;
    }

    /** The subprotocols the game node accepts, preferred first. */
    public static List<String> supported() {
        return List.of(V2.subprotocol, V1.subprotocol);
    }

    /** What a client offers to speak this version: its subprotocol and the URI-encoded token carrier ({@link SocketAuth}). */
    public List<String> offer(String token) {
        return SocketAuth.subprotocols(subprotocol, token);
    }
}
