package dev.arena.service.security;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.Claims;
import org.jose4j.jwt.JwtClaims;

/**
 * A verified token's principal that tells standard from custom claims with a set lookup.
 * SmallRye's own asks {@code Claims.valueOf} and catches the IllegalArgumentException for every
 * claim outside that enum: each join read two (the player's name and colors), and filling those
 * exceptions' stack traces under the deep reactive stacks took 7 % of the lobby's CPU per join.
 */
final class CustomClaimsPrincipal extends DefaultJWTCallerPrincipal {

    private static final Set<String> STANDARD = Arrays.stream(Claims.values()).map(Claims::name).collect(Collectors.toUnmodifiableSet());

    CustomClaimsPrincipal(String rawToken, String type, JwtClaims claims) {
        super(rawToken, type, claims);
    }

    @Override
    protected Claims getClaimType(String claimName) {
        return STANDARD.contains(claimName) ? Claims.valueOf(claimName) : Claims.UNKNOWN;
    }
}
