package dev.arena.game.transport;

import dev.arena.game.store.LeaderboardStore;
import dev.arena.model.api.ApiPaths;
import dev.arena.service.error.BoundedWait;
import dev.arena.service.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** A player's own standing on the leaderboard. */
@Path(ApiPaths.GAME_LEADERBOARD_ME)
@RolesAllowed(Roles.PLAYER)
@Produces(MediaType.APPLICATION_JSON)
@BoundedWait
public class LeaderboardResource {

    private final LeaderboardStore leaderboard;
    private final JsonWebToken jwt;

    public LeaderboardResource(LeaderboardStore leaderboard, JsonWebToken jwt) {
        this.leaderboard = leaderboard;
        this.jwt = jwt;
    }

    @GET
    public Uni<LeaderboardStore.Standing> mine() {
        return leaderboard.standing(jwt.getSubject());
    }
}
