package dev.arena.service.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arena.model.identity.PlayerIdentityRules;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Remembering verified tokens must never let a forged or an expired one through. */
class VerifiedTokenCacheTest {

    private static final String PLAYER = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";

    private static final int MAX_SIZE = 50;

    private final KeyPair keys = rsa();
    private final JWTAuthContextInfo context = new JWTAuthContextInfo((RSAPublicKey) keys.getPublic(), PlayerIdentityRules.ISSUER);
    private final VerifiedTokenCache cache = new VerifiedTokenCache(MAX_SIZE);

    VerifiedTokenCacheTest() {
        // No grace and no clock skew, so the test need not wait a minute past exp for the refusal.
        context.setExpGracePeriodSecs(0);
        context.setClockSkew(0);
    }

    @Test
    void aValidTokenIsVerifiedOnceAndThenRemembered() throws Exception {
        String token = token(keys, Instant.now().plusSeconds(600));
        var first = cache.parse(token, context);
        assertEquals(PLAYER, first.getSubject());
        assertSame(first, cache.parse(token, context));
    }

    @Test
    void standardAndCustomClaimsReadAsBefore() throws Exception {
        Instant exp = Instant.now().plusSeconds(600);
        String token = Jwt.issuer(PlayerIdentityRules.ISSUER).subject(PLAYER).groups(Set.of(PlayerIdentityRules.PLAYER_ROLE))
                .claim(PlayerIdentityRules.NAME_CLAIM, "Ada").expiresAt(exp).sign(keys.getPrivate());
        var principal = cache.parse(token, context);
        assertEquals("Ada", principal.<Object>getClaim(PlayerIdentityRules.NAME_CLAIM).toString());
        assertEquals(exp.getEpochSecond(), principal.getExpirationTime());
        assertEquals(Set.of(PlayerIdentityRules.PLAYER_ROLE), principal.getGroups());
        assertEquals(PlayerIdentityRules.ISSUER, principal.<String>getClaim("iss"));
        assertNull(principal.getClaim("no-such-claim"));
    }

    @Test
    void aSignedPlayerTokenWhoseSubjectIsNoPlayerIdIsRefusedButAnOperatorsIsNot() throws Exception {
        Instant exp = Instant.now().plusSeconds(600);
        for (String subject : List.of("not-a-uuid", "", "x:y", PLAYER + " ")) {
            String token = token(keys, exp, subject);
            assertThrows(ParseException.class, () -> cache.parse(token, context), subject);
        }
        String operator = Jwt.issuer(PlayerIdentityRules.ISSUER).subject("operator").groups(Set.of(PlayerIdentityRules.ADMIN_ROLE))
                .expiresAt(exp).sign(keys.getPrivate());
        assertEquals("operator", cache.parse(operator, context).getSubject());
    }

    @Test
    void aForgedTokenIsRefusedEveryTime() {
        String forged = token(rsa(), Instant.now().plusSeconds(600));
        assertThrows(ParseException.class, () -> cache.parse(forged, context));
        assertThrows(ParseException.class, () -> cache.parse(forged, context));
    }

    @Test
    void aRememberedTokenIsRefusedOnceItExpired() throws Exception {
        String token = token(keys, Instant.now().plusSeconds(2));
        cache.parse(token, context);
        Thread.sleep(3_100);
        assertThrows(ParseException.class, () -> cache.parse(token, context));
    }

    @Test
    void aFullCacheKeepsItsBoundAndStillAnswers() throws Exception {
        Instant exp = Instant.now().plusSeconds(600);
        for (int i = 0; i < 3 * MAX_SIZE; i++) {
            cache.parse(token(keys, exp, new UUID(1, i).toString()), context);
        }
        assertTrue(cache.size() <= MAX_SIZE, "remembered " + cache.size());
        String again = new UUID(2, 0).toString();
        assertEquals(again, cache.parse(token(keys, exp, again), context).getSubject());
    }

    @Test
    void aHeldTokenStaysVerifiedWhateverTheCacheEvictsUntilItsLastConnectionCloses() throws Exception {
        Instant exp = Instant.now().plusSeconds(600);
        var held = cache.parse(token(keys, exp, new UUID(3, 0).toString()), context);
        cache.hold(held);
        cache.hold(held); // a second connection with the same token
        for (int i = 0; i < 3 * MAX_SIZE; i++) {
            cache.parse(token(keys, exp, new UUID(1, i).toString()), context);
        }
        assertSame(held, cache.parse(held.getRawToken(), context));
        cache.release(held);
        assertSame(held, cache.parse(held.getRawToken(), context));
        cache.release(held);
        assertEquals(0, cache.heldCount());
    }

    @Test
    void aHeldTokenIsRefusedOnceItExpired() throws Exception {
        var held = cache.parse(token(keys, Instant.now().plusSeconds(2)), context);
        cache.hold(held);
        Thread.sleep(3_100);
        assertThrows(ParseException.class, () -> cache.parse(held.getRawToken(), context));
    }

    private static String token(KeyPair signer, Instant expiresAt) {
        return token(signer, expiresAt, PLAYER);
    }

    private static String token(KeyPair signer, Instant expiresAt, String subject) {
        return Jwt.issuer(PlayerIdentityRules.ISSUER).subject(subject).upn(subject)
                .groups(Set.of(PlayerIdentityRules.PLAYER_ROLE)).expiresAt(expiresAt).sign(signer.getPrivate());
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
