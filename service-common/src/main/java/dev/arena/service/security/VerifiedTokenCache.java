package dev.arena.service.security;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies each bearer token once and remembers the result until the token expires. A player
 * presents the same token (valid for days) on every call, and verifying it (JSON parsing, base64,
 * RSA) was the lobby's largest cost per request (JFR, docs/benchmarks.md). Only tokens that passed
 * full verification are remembered; an expired one is verified again, and so refused.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class VerifiedTokenCache extends JWTCallerPrincipalFactory {

    /**
     * Distinct tokens remembered at most (a few KB each, so tens of MB at most); the cache starts
     * over when full, which only costs re-verification.
     */
    static final int MAX_TOKENS = 10_000;

    private final JWTCallerPrincipalFactory verifier = new DefaultJWTCallerPrincipalFactory();
    private final ConcurrentHashMap<String, JWTCallerPrincipal> verified = new ConcurrentHashMap<>();

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo context) throws ParseException {
        JWTCallerPrincipal known = verified.get(token);
        if (known != null) {
            if (System.currentTimeMillis() / 1000 < known.getExpirationTime()) {
                return known;
            }
            verified.remove(token, known);
        }
        JWTCallerPrincipal principal = verifier.parse(token, context);
        if (verified.size() >= MAX_TOKENS) {
            verified.clear();
        }
        verified.put(token, principal);
        return principal;
    }
}
