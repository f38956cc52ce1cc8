package dev.arena.game.transport;

import dev.arena.game.config.GameConfig;
import dev.arena.game.domain.NodeDrain;
import dev.arena.game.domain.RoomRegistry;
import dev.arena.service.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * An operator drains this node before maintenance: what SIGTERM does ({@link NodeDrain}), while the
 * process keeps running. Its running matches move to other nodes and their players follow; the
 * node takes no room until it is started again.
 */
@Path("/admin/drain")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AdminDrainResource {

    /** The answer: the rooms the drain handed over (0 when the node was drained before). */
    public record Drained(String nodeId, int rooms, boolean drained) {}

    private final NodeDrain drain;
    private final RoomRegistry registry;
    private final String nodeId;

    public AdminDrainResource(NodeDrain drain, RoomRegistry registry, GameConfig config) {
        this.drain = drain;
        this.registry = registry;
        this.nodeId = config.nodeId();
    }

    /** Blocks (on a worker thread) until the drain is done, at most {@code arena.game.drain-timeout}. */
    @POST
    public Drained drain() throws InterruptedException {
        int rooms = drain.isDrained() ? 0 : registry.all().length;
        drain.drain();
        return new Drained(nodeId, rooms, true);
    }
}
