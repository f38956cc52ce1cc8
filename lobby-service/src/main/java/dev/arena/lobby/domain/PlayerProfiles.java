package dev.arena.lobby.domain;

import dev.arena.lobby.store.PlayerStore;
import dev.arena.model.codes.ErrorCode;
import dev.arena.model.identity.PlayerIdentityRules;
import dev.arena.model.protocol.Colors;
import dev.arena.model.protocol.PlayerInfo;
import dev.arena.service.error.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who a token's player is (name and colors), for joining the queue over REST or the lobby socket. */
@ApplicationScoped
public class PlayerProfiles {

    private final PlayerStore players;

    public PlayerProfiles(PlayerStore players) {
        this.players = players;
    }

    /** Name and colors travel in the token the lobby signed; a token without them falls back to the players table. */
    public Uni<PlayerInfo> of(JsonWebToken token) {
        String id = token.getSubject();
        String name = token.getClaim(PlayerIdentityRules.NAME_CLAIM);
        Object colors = token.getClaim(PlayerIdentityRules.COLORS_CLAIM);
        if (name != null && colors instanceof JsonObject json
                && json.containsKey("primary") && json.containsKey("secondary")) {
            return Uni.createFrom().item(new PlayerInfo(id, name, new Colors(json.getString("primary"), json.getString("secondary"))));
        }
        return players.find(UUID.fromString(id))
                .map(found -> found.orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no such player")));
    }
}
