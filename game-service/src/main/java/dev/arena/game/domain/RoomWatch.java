package dev.arena.game.domain;

import dev.arena.game.config.GameConfig;
import dev.arena.game.store.RoomLeaseStore;
import dev.arena.model.codes.CloseCode;
import dev.arena.model.state.RoomState;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Keeps this node's claim on its rooms with every heartbeat: refreshes each room's lease and
 * calls off a room that is no longer this node's under the grant it runs, off the tick's thread.
 * A room the matchmaker moved back to waiting or deleted is called off and cleaned up here; one
 * granted elsewhere (taken over while this node was unreachable, or leased by another node) is
 * only let go: its match, snapshot and lease belong to the new grant. A room Redis forgot
 * (restarted without its data) runs on: its players are here and its result goes to PostgreSQL,
 * the source of truth.
 */
@ApplicationScoped
public class RoomWatch {

    private static final Logger LOG = Logger.getLogger(RoomWatch.class);

    private final RoomRegistry registry;
    private final RoomLeaseStore leases;
    private final String nodeId;
    /** Rooms found forgotten, so each is logged once (only the announcer's thread touches it). */
    private final Set<String> forgotten = new HashSet<>();

    public RoomWatch(RoomRegistry registry, RoomLeaseStore leases, GameConfig config) {
        this.registry = registry;
        this.leases = leases;
        this.nodeId = config.nodeId();
    }

    /** One round over the rooms (blocking; from the announcer's thread). */
    public void check() {
        Room[] rooms = registry.all();
        List<RoomLeaseStore.Grant> grants = new ArrayList<>(rooms.length);
        for (Room room : rooms) {
            grants.add(new RoomLeaseStore.Grant(room.id(), room.epoch()));
        }
        Map<String, RoomLeaseStore.Lease> found = leases.refresh(grants, nodeId);
        forgotten.retainAll(found.keySet());
        for (Room room : rooms) {
            RoomLeaseStore.Lease lease = found.get(room.id());
            if (lease.outcome() == RoomLeaseStore.Outcome.HELD) {
                continue;
            }
            if (lease.outcome() == RoomLeaseStore.Outcome.FORGOTTEN) {
                if (forgotten.add(room.id())) {
                    LOG.warnf("Redis no longer knows room %s (restarted without its data?): the match runs on here", room.id());
                }
                continue;
            }
            if (lease.grantedElsewhere()) {
                room.moveAway();
            } else if (RoomState.WAITING.wire().equals(lease.state())) {
                room.callOff(CloseCode.MATCH_CANCELLED, "too few players arrived; the room waits in the lobby again");
            } else {
                room.callOff(CloseCode.ROOM_NOT_FOUND, "the room no longer runs on this node");
            }
        }
    }
}
