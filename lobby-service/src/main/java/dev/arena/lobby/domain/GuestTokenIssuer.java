package dev.arena.lobby.domain;

import dev.arena.lobby.config.LobbyConfig;
import dev.arena.model.identity.PlayerIdentityRules;
import dev.arena.model.protocol.PlayerInfo;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Signs player tokens (RS256 with the lobby's private key): the one place tokens are made. */
@ApplicationScoped
public class GuestTokenIssuer {

    /** A signed token and when it stops being valid. */
    public record IssuedToken(String token, Instant expiresAt) {}

    private final LobbyConfig config;
    private final Clock clock;

    public GuestTokenIssuer(LobbyConfig config) {
        this.config = config;
        this.clock = Clock.systemUTC();
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
                .sign();
        return new IssuedToken(token, expiresAt);
    }
}
