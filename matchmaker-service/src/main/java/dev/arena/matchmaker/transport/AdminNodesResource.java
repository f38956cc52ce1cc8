package dev.arena.matchmaker.transport;

import dev.arena.matchmaker.domain.GameNodeSummary;
import dev.arena.matchmaker.domain.RoomLifecycle;
import dev.arena.matchmaker.store.GameNodeStore;
import dev.arena.service.error.StoreUnavailableException;
import dev.arena.service.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Operators' view of the game nodes the matchmaker places rooms on: load, capacity, heartbeat, lost ones. */
@Path("/admin/nodes")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AdminNodesResource {

    /**
     * One node. {@code rooms}, {@code players} and {@code capacity} are what its last heartbeat said
     * (null once it lapsed); {@code grantedRooms} and {@code grantedPlayers} what the matchmaker gave it.
     */
    public record NodeLine(String nodeId, boolean alive, boolean lost, Long heartbeatTtlMs, Integer rooms, Integer players,
            Integer capacity, long grantedRooms, long grantedPlayers) {

        static NodeLine of(GameNodeSummary node) {
            var load = node.load();
            return new NodeLine(node.nodeId(), node.alive(), node.lost(), node.heartbeatTtlMs(),
                    load == null ? null : load.rooms(), load == null ? null : load.players(), load == null ? null : load.capacity(),
                    node.grantedRooms(), node.grantedPlayers());
        }
    }

    /** The nodes, by id. */
    public record Nodes(List<NodeLine> nodes) {}

    private final GameNodeStore store;

    public AdminNodesResource(GameNodeStore store) {
        this.store = store;
    }

    @GET
    public Nodes nodes() {
        try {
            return new Nodes(store.nodes().await().atMost(RoomLifecycle.REDIS_TIMEOUT).stream().map(NodeLine::of).toList());
        } catch (RuntimeException e) {
            throw StoreUnavailableException.translate(e);
        }
    }
}
