package dev.arena.game.transport;

import dev.arena.game.config.GameConfig;
import dev.arena.game.domain.Room;
import dev.arena.game.domain.RoomRegistry;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses a game socket's upgrade before any socket exists: 401 without a valid token, 404 when
 * the room does not run on this node (or the URL names another node), 403 when the player is not
 * a member of the room. In-memory checks only, so the upgrade never waits on Redis.
 *
 * <p>Players get {@code match.ready} the moment the matchmaker hands the room over, so their
 * upgrade can arrive before this node has read the handoff: an unknown room is looked for again,
 * without blocking, for {@link #ROOM_ARRIVAL_WAIT} before the answer is 404.
 */
@ApplicationScoped
public class RoomAccessCheck implements HttpUpgradeCheck {

    /** How long an upgrade waits for a room this node has not taken yet. */
    static final Duration ROOM_ARRIVAL_WAIT = Duration.ofSeconds(2);
    private static final Duration POLL = Duration.ofMillis(20);

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
            return awaitRoom(context.pathParam("roomId"), System.nanoTime() + ROOM_ARRIVAL_WAIT.toNanos())
                    .map(room -> room.isEmpty() ? CheckResult.rejectUpgradeSync(404)
                            : room.get().isMember(playerId) ? CheckResult.permitUpgradeSync() : CheckResult.rejectUpgradeSync(403));
        }).onFailure().recoverWithItem(() -> CheckResult.rejectUpgradeSync(401)); // a token that fails verification
    }

    // Looks the room up again every POLL until it is there or the deadline passed; never blocks a thread.
    private Uni<Optional<Room>> awaitRoom(String roomId, long deadlineNanos) {
        Optional<Room> room = registry.find(roomId);
        if (room.isPresent() || System.nanoTime() >= deadlineNanos) {
            return Uni.createFrom().item(room);
        }
        return Uni.createFrom().voidItem().onItem().delayIt().by(POLL).chain(() -> awaitRoom(roomId, deadlineNanos));
    }

    /** The player id (the token's subject), or null for an anonymous request. */
    static String playerOf(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return null;
        }
        return identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getSubject() : identity.getPrincipal().getName();
    }
}
