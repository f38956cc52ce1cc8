package dev.arena.game.transport;

import dev.arena.game.config.GameConfig;
import dev.arena.game.domain.Room;
import dev.arena.game.domain.RoomRegistry;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses a game socket's upgrade before any socket exists: 401 without a valid token, 404 when
 * the room does not run on this node (or the URL names another node), 403 when the player is not
 * a member of the room. In-memory checks only, so the upgrade never waits on Redis.
 */
@ApplicationScoped
public class RoomAccessCheck implements HttpUpgradeCheck {

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
        return context.securityIdentity().map(identity -> {
            String playerId = playerOf(identity);
            if (playerId == null) {
                return CheckResult.rejectUpgradeSync(401);
            }
            Optional<Room> room = nodeId.equals(context.pathParam("nodeId")) ? registry.find(context.pathParam("roomId"))
                    : Optional.empty();
            if (room.isEmpty()) {
                return CheckResult.rejectUpgradeSync(404);
            }
            return room.get().isMember(playerId) ? CheckResult.permitUpgradeSync() : CheckResult.rejectUpgradeSync(403);
        }).onFailure().recoverWithItem(() -> CheckResult.rejectUpgradeSync(401)); // a token that fails verification
    }

    /** The player id (the token's subject), or null for an anonymous request. */
    static String playerOf(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return null;
        }
        return identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getSubject() : identity.getPrincipal().getName();
    }
}
