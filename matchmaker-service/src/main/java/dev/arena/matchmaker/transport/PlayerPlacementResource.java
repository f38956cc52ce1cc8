package dev.arena.matchmaker.transport;

import dev.arena.matchmaker.store.PlayerRecordStore;
import dev.arena.model.api.ApiPaths;
import dev.arena.model.keys.PlayerFields;
import dev.arena.model.state.PlayerStatus;
import dev.arena.service.error.BoundedWait;
import dev.arena.service.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Tells a player where matchmaking has put them, so a reloaded client can go back there. */
@Path(ApiPaths.MATCHMAKER_PLACEMENT)
@RolesAllowed(Roles.PLAYER)
@Produces(MediaType.APPLICATION_JSON)
@BoundedWait
public class PlayerPlacementResource {

    /** Where a player is: {@code idle}, or queued / in a room / in a game with the room and node. */
    public record Placement(String playerId, String status, String roomId, String nodeId) {}

    private final PlayerRecordStore records;
    private final JsonWebToken jwt;

    public PlayerPlacementResource(PlayerRecordStore records, JsonWebToken jwt) {
        this.records = records;
        this.jwt = jwt;
    }

    @GET
    public Uni<Placement> placement() {
        String playerId = jwt.getSubject();
        return records.fields(playerId).map(fields -> toPlacement(playerId, fields));
    }

    private static Placement toPlacement(String playerId, Map<String, String> fields) {
        String status = fields.getOrDefault(PlayerFields.STATUS, PlayerStatus.IDLE.wire());
        return new Placement(playerId, status, fields.get(PlayerFields.ROOM), fields.get(PlayerFields.NODE));
    }
}
