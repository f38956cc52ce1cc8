package dev.arena.service.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.arena.service.config.TokenCacheConfig;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;

/**
 * Verifies each bearer token once and remembers the result until the token expires. A player
 * presents the same token (valid for days) on every call, and verifying it (JSON parsing, base64,
 * RSA) was the lobby's largest cost per request (JFR, docs/benchmarks.md). Only tokens that passed
 * full verification are remembered; an expired one is verified again, and so refused. Caffeine
 * bounds the size (evicting the least useful entries, not everything at once) and drops each
 * entry at its token's expiry.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class VerifiedTokenCache extends JWTCallerPrincipalFactory {

    private final JWTCallerPrincipalFactory verifier = new DefaultJWTCallerPrincipalFactory();
    private final Cache<String, JWTCallerPrincipal> verified;

    @Inject
    public VerifiedTokenCache(TokenCacheConfig config) {
        this(config.maxSize());
    }

    VerifiedTokenCache(int maxSize) {
        this.verified = Caffeine.newBuilder().maximumSize(maxSize).expireAfter(new UntilTokenExpiry()).build();
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo context) throws ParseException {
        JWTCallerPrincipal known = verified.getIfPresent(token);
        // Caffeine may hand out an entry a moment past its expiry until it is cleaned up: check exp anyway.
        if (known != null && System.currentTimeMillis() / 1000 < known.getExpirationTime()) {
            return known;
        }
        JWTCallerPrincipal principal = verifier.parse(token, context);
        verified.put(token, principal);
        return principal;
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
