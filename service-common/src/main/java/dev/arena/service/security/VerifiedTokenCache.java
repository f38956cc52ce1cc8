package dev.arena.service.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.arena.model.identity.PlayerIdentityRules;
import dev.arena.service.config.TokenCacheConfig;
import io.smallrye.jwt.auth.principal.DefaultJWTTokenParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.consumer.JwtContext;

/**
 * Verifies each bearer token once and remembers the result until the token expires. A player
 * presents the same token (valid for days) on every call, and verifying it (JSON parsing, base64,
 * RSA) is the largest cost of a request that does little else. Only tokens that passed
 * full verification are remembered; an expired one is verified again, and so refused. Caffeine
 * bounds the size (evicting the least useful entries, not everything at once) and drops each
 * entry at its token's expiry.
 *
 * <p>Tokens of open long-lived connections (lobby sockets, see {@link #hold}) are kept apart from
 * that bound: a player opens the lobby socket, then presses Play, and the join must not verify the
 * token again because thousands of other players' tokens went through the cache in between
 * (Caffeine admits a newcomer only if it is used more often than what it would evict, and a
 * remembered token costs about 3 KB; full verification costs 166 µs on the benchmark machine).
 * Holding costs a map entry: the connection keeps the principal anyway.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class VerifiedTokenCache extends JWTCallerPrincipalFactory {

    private final DefaultJWTTokenParser verifier = new DefaultJWTTokenParser();
    private final Cache<String, JWTCallerPrincipal> verified;
    private final Map<String, Held> held = new ConcurrentHashMap<>();

    /** A principal held by {@code connections} open connections. */
    private record Held(JWTCallerPrincipal principal, int connections) {}

    @Inject
    public VerifiedTokenCache(TokenCacheConfig config) {
        this(config.maxSize());
    }

    VerifiedTokenCache(int maxSize) {
        this.verified = Caffeine.newBuilder().maximumSize(maxSize).expireAfter(new UntilTokenExpiry()).build();
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo context) throws ParseException {
        Held byConnection = held.get(token);
        JWTCallerPrincipal known = byConnection != null ? byConnection.principal() : verified.getIfPresent(token);
        // Caffeine may hand out an entry a moment past its expiry, and a held token expires while its connection is open: check exp.
        if (known != null && System.currentTimeMillis() / 1000 < known.getExpirationTime()) {
            return known;
        }
        JWTCallerPrincipal principal = verify(token, context);
        verified.put(token, principal);
        return principal;
    }

    /**
     * As DefaultJWTCallerPrincipalFactory does, with a principal that reads custom claims without an
     * exception. A player token's subject names Redis keys and database rows: one that is not a
     * player id is refused here (401), whoever signed it, rather than failing deep in a request.
     */
    private JWTCallerPrincipal verify(String token, JWTAuthContextInfo context) throws ParseException {
        JwtContext verified = verifier.parse(token, context);
        CustomClaimsPrincipal principal = new CustomClaimsPrincipal(token, verified.getJoseObjects().get(0).getHeader("typ"),
                verified.getJwtClaims());
        if (principal.getGroups().contains(Roles.PLAYER) && !PlayerIdentityRules.isPlayerId(principal.getSubject())) {
            throw new ParseException("a player token's subject must be a player id");
        }
        return principal;
    }

    /**
     * Keeps {@code token} (a principal this factory verified) verified while the connection that
     * presented it is open; each call is paired with one {@link #release} when it closes.
     */
    public void hold(JsonWebToken token) {
        if (token instanceof JWTCallerPrincipal principal && principal.getRawToken() != null) {
            held.merge(principal.getRawToken(), new Held(principal, 1),
                    (before, one) -> new Held(before.principal(), before.connections() + 1));
        }
    }

    /** Ends one {@link #hold} of {@code token}: its last connection closed, it is only in the bounded cache again. */
    public void release(JsonWebToken token) {
        if (token instanceof JWTCallerPrincipal principal && principal.getRawToken() != null) {
            held.computeIfPresent(principal.getRawToken(),
                    (raw, before) -> before.connections() <= 1 ? null : new Held(before.principal(), before.connections() - 1));
        }
    }

    /** Tokens held by open connections. */
    public int heldCount() {
        return held.size();
    }

    /** Tokens remembered, after Caffeine's pending evictions ran. */
    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    /** An entry lives until its token's {@code exp}. */
    private static final class UntilTokenExpiry implements Expiry<String, JWTCallerPrincipal> {

        @Override
        public long expireAfterCreate(String token, JWTCallerPrincipal principal, long currentTime) {
            long secondsLeft = principal.getExpirationTime() - System.currentTimeMillis() / 1000;
            return TimeUnit.SECONDS.toNanos(Math.max(0, secondsLeft));
        }

        @Override
        public long expireAfterUpdate(String token, JWTCallerPrincipal principal, long currentTime, long currentDuration) {
            return expireAfterCreate(token, principal, currentTime);
        }

        @Override
        public long expireAfterRead(String token, JWTCallerPrincipal principal, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
