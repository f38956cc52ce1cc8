package dev.arena.lobby.domain;

import dev.arena.lobby.store.PlayerStore;
import dev.arena.model.api.GuestRequest;
import dev.arena.model.api.GuestResponse;
import dev.arena.model.codes.ErrorCode;
import dev.arena.model.identity.PlayerIdentityRules;
import dev.arena.model.protocol.Colors;
import dev.arena.model.protocol.PlayerInfo;
import dev.arena.service.error.ApiException;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Gives a browser its guest identity: a new player, or the same player again when it presents a
 * still-valid token (so a reload keeps the identity), with an optional new name and colors.
 */
@ApplicationScoped
public class GuestIdentityService {

    private final PlayerStore players;
    private final GuestTokenIssuer issuer;
    private final JWTParser parser;

    public GuestIdentityService(PlayerStore players, GuestTokenIssuer issuer, JWTParser parser) {
        this.players = players;
        this.issuer = issuer;
        this.parser = parser;
    }

    public Uni<GuestResponse> identify(Optional<String> presentedToken, GuestRequest request) {
        String requestedName = request == null ? null : normalizedName(request.name());
        Colors requestedColors = request == null ? null : normalizedColors(request.colors());
        Optional<JsonWebToken> known = presentedToken.flatMap(this::validPlayerToken);
        UUID id = known.map(token -> UUID.fromString(token.getSubject())).orElseGet(UUID::randomUUID);
        PlayerInfo initial = new PlayerInfo(id.toString(),
                requestedName != null ? requestedName : known.map(GuestIdentityService::nameOf).orElseGet(GuestDefaults::name),
                requestedColors != null ? requestedColors : known.flatMap(GuestIdentityService::colorsOf).orElseGet(GuestDefaults::colors));
        return players.upsert(id, initial, requestedName, requestedColors).map(player -> {
            GuestTokenIssuer.IssuedToken token = issuer.issue(player);
            return new GuestResponse(token.token(), player, token.expiresAt().getEpochSecond());
        });
    }

    /** A token that is expired, forged or not a player's simply means a new guest. */
    private Optional<JsonWebToken> validPlayerToken(String token) {
        try {
            JsonWebToken jwt = parser.parse(token);
            if (jwt.getGroups().contains(PlayerIdentityRules.PLAYER_ROLE) && PlayerIdentityRules.isPlayerId(jwt.getSubject())) {
                return Optional.of(jwt);
            }
        } catch (ParseException e) {
            // fall through: not a token we issued, or no longer valid
        }
        return Optional.empty();
    }

    private static String normalizedName(String name) {
        if (name == null) {
            return null;
        }
        PlayerIdentityRules.nameProblem(name).ifPresent(problem -> {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, problem);
        });
        return name.strip();
    }

    private static Colors normalizedColors(Colors colors) {
        if (colors == null) {
            return null;
        }
        for (String color : new String[] {colors.primary(), colors.secondary()}) {
            PlayerIdentityRules.colorProblem(color).ifPresent(problem -> {
                throw new ApiException(ErrorCode.VALIDATION_FAILED, problem);
            });
        }
        return new Colors(colors.primary().toLowerCase(Locale.ROOT), colors.secondary().toLowerCase(Locale.ROOT));
    }

    private static String nameOf(JsonWebToken token) {
        String name = token.getClaim(PlayerIdentityRules.NAME_CLAIM);
        return name != null && PlayerIdentityRules.nameProblem(name).isEmpty() ? name.strip() : GuestDefaults.name();
    }

    private static Optional<Colors> colorsOf(JsonWebToken token) {
        Object claim = token.getClaim(PlayerIdentityRules.COLORS_CLAIM);
        if (claim instanceof jakarta.json.JsonObject json) {
            String primary = json.getString("primary", null);
            String secondary = json.getString("secondary", null);
            if (PlayerIdentityRules.colorProblem(primary).isEmpty() && PlayerIdentityRules.colorProblem(secondary).isEmpty()) {
                return Optional.of(new Colors(primary, secondary));
            }
        }
        return Optional.empty();
    }
}
