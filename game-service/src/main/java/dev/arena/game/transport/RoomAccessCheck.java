package dev.arena.game.transport;

import dev.arena.game.config.GameConfig;
import dev.arena.game.domain.Room;
import dev.arena.game.domain.RoomRegistry;
import dev.arena.service.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Decides a game socket's upgrade before any socket exists: 401 without a valid player token, 404
 * when the room does not run on this node (or the URL names another node), 403 when the player
 * is not a member of the room. In-memory checks only, so the upgrade never waits on Redis.
 *
 * <p>Players get {@code match.ready} the moment the matchmaker hands the room over, so their
 * upgrade can arrive before this node has read the handoff: an unknown room is awaited, without
 * blocking or polling (the registry completes the wait when it adds the room), for
 * {@link #ROOM_ARRIVAL_WAIT} before the answer is 404. Polling cost a scheduled task per waiting
 * upgrade every 20 ms, which under a burst of hundreds of rooms starved the node it waited for.
 */
@ApplicationScoped
public class RoomAccessCheck {

    /** How long an upgrade waits for a room this node has not taken yet. */
    static final Duration ROOM_ARRIVAL_WAIT = Duration.ofSeconds(5);

    /** The answer: the HTTP status of a refusal, or {@link #PERMITTED}. */
    static final int PERMITTED = 0;

    private final RoomRegistry registry;
    private final String nodeId;

    public RoomAccessCheck(RoomRegistry registry, GameConfig config) {
        this.registry = registry;
        this.nodeId = config.nodeId();
    }

    /** {@link #PERMITTED}, or the status that refuses {@code identity}'s upgrade to {@code roomId} on {@code pathNodeId}. */
    Uni<Integer> check(SecurityIdentity identity, String pathNodeId, String roomId) {
        String playerId = playerOf(identity);
        if (playerId == null) {
            return Uni.createFrom().item(401);
        }
        if (!identity.hasRole(Roles.PLAYER)) {
            return Uni.createFrom().item(403);
        }
        if (!nodeId.equals(pathNodeId)) {
            return Uni.createFrom().item(404);
        }
        return awaitRoom(roomId).map(room -> room == null ? 404 : room.isMember(playerId) ? PERMITTED : 403);
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

    /** The player id (the token's subject), or null for no identity or an anonymous one. */
    static String playerOf(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return null;
        }
        return identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getSubject() : identity.getPrincipal().getName();
    }
}
