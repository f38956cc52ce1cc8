package dev.arena.lobby.transport;

import dev.arena.lobby.config.LobbyConfig;
import dev.arena.lobby.store.FeedbackStore.FeedbackRow;
import dev.arena.lobby.store.FeedbackStore;
import dev.arena.service.error.BoundedWait;
import dev.arena.service.health.Store;
import dev.arena.service.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Operators read feedback: {@code GET /admin/feedback?limit=&before=}, newest first. */
@Path("/admin/feedback")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@BoundedWait(stores = Store.POSTGRESQL)
public class AdminFeedbackResource {

    /** One page; {@code next} is the {@code before} of the following page, absent on the last one. */
    public record FeedbackPage(List<FeedbackRow> items, Long next) {}

    private static final int DEFAULT_LIMIT = 20;

    private final FeedbackStore store;
    private final LobbyConfig config;

    public AdminFeedbackResource(FeedbackStore store, LobbyConfig config) {
        this.store = store;
        this.config = config;
    }

    @GET
    public Uni<FeedbackPage> list(@QueryParam("limit") String limit, @QueryParam("before") String before) {
        int max = config.feedback().maxPageSize();
        int size = limit == null ? Math.min(DEFAULT_LIMIT, max) : QueryParams.number(limit, "limit", 1, max).intValue();
        Long cursor = before == null ? null : QueryParams.number(before, "before", 1, Long.MAX_VALUE);
        // One row more than asked tells whether another page exists.
        return store.page(cursor, size + 1).map(rows -> rows.size() > size
                ? new FeedbackPage(rows.subList(0, size), rows.get(size - 1).id())
                : new FeedbackPage(rows, null));
    }

}
