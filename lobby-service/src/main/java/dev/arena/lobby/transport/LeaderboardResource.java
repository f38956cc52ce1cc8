package dev.arena.lobby.transport;

import dev.arena.lobby.config.LobbyConfig;
import dev.arena.lobby.store.LeaderboardStore.Entry;
import dev.arena.lobby.store.LeaderboardStore;
import dev.arena.model.api.ApiPaths;
import dev.arena.service.error.BoundedWait;
import dev.arena.service.health.Store;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The public top list: {@code GET /lobby/api/leaderboard?limit=N}, best first, with names and colors. */
@Path(ApiPaths.LEADERBOARD)
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@BoundedWait(stores = {Store.REDIS, Store.POSTGRESQL})
public class LeaderboardResource {

    /** The answer: rows best first. */
    public record Leaderboard(List<Entry> players) {}

    private final LeaderboardStore store;
    private final LobbyConfig config;

    public LeaderboardResource(LeaderboardStore store, LobbyConfig config) {
        this.store = store;
        this.config = config;
    }

    @GET
    public Uni<Leaderboard> top(@QueryParam("limit") String limit) {
        LobbyConfig.Leaderboard rules = config.leaderboard();
        int n = limit == null ? rules.defaultLimit()
                : QueryParams.number(limit, "limit", 1, rules.maxLimit()).intValue();
        return store.top(n).map(Leaderboard::new);
    }
}
