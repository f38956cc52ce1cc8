package dev.arena.model.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The token a client offers as a subprotocol is the one the server reads back. */
class SocketAuthTest {

    @Test
    void readsBackTheTokenAClientOffers() {
        String token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwIn0.c2ln-_";
        String header = String.join(", ", SocketAuth.subprotocols(token));
        assertEquals(token, SocketAuth.tokenOf(header));
    }

    @Test
    void noCarrierNoToken() {
        assertNull(SocketAuth.tokenOf(null));
        assertNull(SocketAuth.tokenOf("arena"));
        assertNull(SocketAuth.tokenOf("arena, quarkus-http-upgrade%23Authorization%23Bearer%20"));
        assertNull(SocketAuth.tokenOf("arena, %zz"));
    }
}
