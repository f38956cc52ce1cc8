package dev.arena.testsupport;

import dev.arena.model.identity.PlayerIdentityRules;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Tokens for tests: good ones signed with the run's key, and the bad kinds a service must refuse. */
public final class TestTokens {

    private TestTokens() {}

    /** A valid admin token, as {@code ./stack admin-token} makes. */
    public static String admin() {
        return claims("operator", Set.of(PlayerIdentityRules.ADMIN_ROLE)).sign(TestKeys.pair().getPrivate());
    }

    /** A valid player token for a new random player. */
    public static String player() {
        return player(UUID.randomUUID().toString());
    }

    /** A valid player token, with the same claims the lobby issues. */
    public static String player(String playerId) {
        return claims(playerId, Set.of(PlayerIdentityRules.PLAYER_ROLE))
                .claim(PlayerIdentityRules.NAME_CLAIM, "Tester")
                .claim(PlayerIdentityRules.COLORS_CLAIM, Map.of("primary", "#ff0000", "secondary", "#00ff00"))
                .sign(TestKeys.pair().getPrivate());
    }

    /** An admin token signed with a key the service does not trust. */
    public static String forgedAdmin() {
        return claims("operator", Set.of(PlayerIdentityRules.ADMIN_ROLE)).sign(TestKeys.generate().getPrivate());
    }

    /** An admin token that expired a minute ago. */
    public static String expiredAdmin() {
        long now = Instant.now().getEpochSecond();
        return Jwt.issuer(PlayerIdentityRules.ISSUER)
                .subject("operator")
                .upn("operator")
                .groups(Set.of(PlayerIdentityRules.ADMIN_ROLE))
                .issuedAt(now - 3600)
                .expiresAt(now - 60)
                .sign(TestKeys.pair().getPrivate());
    }

    /** An unsigned admin token ({@code alg: none}), the classic forgery. */
    public static String unsignedAdmin() {
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"none\",\"typ\":\"JWT\"}";
        String payload = "{\"iss\":\"" + PlayerIdentityRules.ISSUER + "\",\"sub\":\"operator\",\"upn\":\"operator\","
                + "\"groups\":[\"" + PlayerIdentityRules.ADMIN_ROLE + "\"],\"iat\":" + now + ",\"exp\":" + (now + 600) + "}";
        return base64Url(header) + "." + base64Url(payload) + ".";
    }

    private static JwtClaimsBuilder claims(String subject, Set<String> groups) {
        return Jwt.issuer(PlayerIdentityRules.ISSUER)
                .subject(subject)
                .upn(subject)
                .groups(groups)
                .expiresIn(600);
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
