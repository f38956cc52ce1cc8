package dev.arena.lobby.domain;

import dev.arena.lobby.config.LobbyConfig;
import dev.arena.model.identity.PlayerIdentityRules;
import dev.arena.model.protocol.PlayerInfo;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Signs player and operator tokens (RS256 with the lobby's private key): the one place tokens are made. */
@ApplicationScoped
public class GuestTokenIssuer {

    /** A signed token and when it stops being valid. */
    public record IssuedToken(String token, Instant expiresAt) {}

    /** The subject of operator tokens (the console has one shared operator account). */
    public static final String OPERATOR = "operator";

    private final LobbyConfig config;
    private final Clock clock;
    /**
     * Read once: handing smallrye-jwt only the key's location makes it read and decode the PEM file
     * for every token, which cost more than the RSA signature itself.
     */
    private final PrivateKey signingKey;

    public GuestTokenIssuer(LobbyConfig config, @ConfigProperty(name = "smallrye.jwt.sign.key.location") String keyLocation) {
        this.config = config;
        this.clock = Clock.systemUTC();
        try {
            // readKeyContent resolves the location as smallrye-jwt does (a file path or a classpath resource).
            this.signingKey = KeyUtils.decodePrivateKey(KeyUtils.readKeyContent(keyLocation));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the token signing key at " + keyLocation + ": " + e.getMessage(), e);
        }
    }

    public IssuedToken issue(PlayerInfo player) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(config.tokenLifetime());
        String token = Jwt.issuer(PlayerIdentityRules.ISSUER)
                .subject(player.id())
                .upn(player.id())
                .groups(Set.of(PlayerIdentityRules.PLAYER_ROLE))
                .claim(PlayerIdentityRules.NAME_CLAIM, player.name())
                .claim(PlayerIdentityRules.COLORS_CLAIM,
                        Map.of("primary", player.colors().primary(), "secondary", player.colors().secondary()))
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(expiresAt)
                .sign(signingKey);
        return new IssuedToken(token, expiresAt);
    }

    /** An admin token for the operator console, valid for {@code arena.lobby.console.session-lifetime}. */
    public IssuedToken issueOperator() {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(config.console().sessionLifetime());
        String token = Jwt.issuer(PlayerIdentityRules.ISSUER)
                .subject(OPERATOR)
                .upn(OPERATOR)
                .groups(Set.of(PlayerIdentityRules.ADMIN_ROLE))
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(expiresAt)
                .sign(signingKey);
        return new IssuedToken(token, expiresAt);
    }
}
