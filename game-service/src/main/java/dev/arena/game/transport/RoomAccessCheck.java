package dev.arena.game.transport;

import dev.arena.game.config.GameConfig;
import dev.arena.game.domain.Room;
import dev.arena.game.domain.RoomRegistry;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses a game socket's upgrade before any socket exists: 401 without a valid token, 404 when
 * the room does not run on this node (or the URL names another node), 403 when the player is not
 * a member of the room. In-memory checks only, so the upgrade never waits on Redis.
 *
 * <p>Players get {@code match.ready} the moment the matchmaker hands the room over, so their
 * upgrade can arrive before this node has read the handoff: an unknown room is awaited, without
 * blocking or polling (the registry completes the wait when it adds the room), for
 * {@link #ROOM_ARRIVAL_WAIT} before the answer is 404. Polling cost a scheduled task per waiting
 * upgrade every 20 ms, which under a burst of hundreds of rooms starved the node it waited for.
 */
@ApplicationScoped
public class RoomAccessCheck implements HttpUpgradeCheck {

    /** How long an upgrade waits for a room this node has not taken yet. */
    static final Duration ROOM_ARRIVAL_WAIT = Duration.ofSeconds(5);

    private final RoomRegistry registry;
    private final String nodeId;

    public RoomAccessCheck(RoomRegistry registry, GameConfig config) {
        this.registry = registry;
        this.nodeId = config.nodeId();
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return GameSocket.class.getName().equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        return context.securityIdentity().chain(identity -> {
            String playerId = playerOf(identity);
            if (playerId == null) {
                return Uni.createFrom().item(CheckResult.rejectUpgradeSync(401));
            }
            if (!nodeId.equals(context.pathParam("nodeId"))) {
                return Uni.createFrom().item(CheckResult.rejectUpgradeSync(404));
            }
            return awaitRoom(context.pathParam("roomId"))
                    .map(room -> room == null ? CheckResult.rejectUpgradeSync(404)
                            : room.isMember(playerId) ? CheckResult.permitUpgradeSync() : CheckResult.rejectUpgradeSync(403));
        }).onFailure().recoverWithItem(() -> CheckResult.rejectUpgradeSync(401)); // a token that fails verification
    }

    /** The room, or null when it did not come within {@link #ROOM_ARRIVAL_WAIT}. */
    private Uni<Room> awaitRoom(String roomId) {
        CompletableFuture<Room> arrival = registry.arrival(roomId);
        if (arrival.isDone()) {
            return Uni.createFrom().item(arrival.join());
        }
        return Uni.createFrom().completionStage(arrival)
                .ifNoItem().after(ROOM_ARRIVAL_WAIT).recoverWithItem(() -> null)
                .eventually(() -> registry.stopAwaiting(roomId, arrival));
    }

    /** The player id (the token's subject), or null for an anonymous request. */
    static String playerOf(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return null;
        }
        return identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getSubject() : identity.getPrincipal().getName();
    }
}
