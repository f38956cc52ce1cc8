package dev.arena.game.transport;

import dev.arena.game.config.GameConfig;
import dev.arena.game.domain.GameMetrics;
import dev.arena.game.domain.NodeDrain;
import dev.arena.game.domain.Room;
import dev.arena.game.domain.RoomRegistry;
import dev.arena.model.codes.ErrorCode;
import dev.arena.service.error.ApiException;
import dev.arena.service.metrics.TimerPercentiles;
import dev.arena.service.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;

/** Operators' view of this node: its live rooms and tick statistics, and ending a match early. */
@Path("/admin/rooms")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AdminRoomsResource {

    /** The node, whether it was drained, its rooms, connected players and how its tick keeps time. */
    public record NodeRooms(String nodeId, boolean drained, int connectedPlayers, List<Room.View> rooms, TickStats tick) {}

    /** Tick lateness and duration over Micrometer's recent window, and inputs dropped from full inboxes. */
    public record TickStats(TimerPercentiles lateness, TimerPercentiles duration, double inboxDrops) {}

    /** The answer to an end request: the match ends at the next tick. */
    public record Ending(String roomId, boolean ending) {}

    private final RoomRegistry registry;
    private final GameMetrics metrics;
    private final NodeDrain drain;
    private final String nodeId;

    public AdminRoomsResource(RoomRegistry registry, GameMetrics metrics, NodeDrain drain, GameConfig config) {
        this.registry = registry;
        this.metrics = metrics;
        this.drain = drain;
        this.nodeId = config.nodeId();
    }

    @GET
    public NodeRooms rooms() {
        List<Room.View> rooms = Arrays.stream(registry.all()).map(Room::view).toList();
        return new NodeRooms(nodeId, drain.isDrained(), metrics.connectedPlayers(), rooms,
                new TickStats(metrics.tickLateness(), metrics.tickDuration(), metrics.inboxDrops()));
    }

    @POST
    @Path("/{roomId}/end")
    public Ending end(@PathParam("roomId") String roomId) {
        Room room = registry.find(roomId)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no room " + roomId + " on this node"));
        room.end(Room.ENDED_BY_OPERATOR);
        return new Ending(roomId, true);
    }
}
