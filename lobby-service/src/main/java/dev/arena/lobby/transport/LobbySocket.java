package dev.arena.lobby.transport;

import dev.arena.lobby.config.LobbyConfig;
import dev.arena.lobby.domain.DisconnectGrace;
import dev.arena.lobby.domain.Placements;
import dev.arena.lobby.domain.PlayerProfiles;
import dev.arena.lobby.domain.QueueService.JoinResult;
import dev.arena.lobby.domain.QueueService.LeaveMode;
import dev.arena.lobby.domain.QueueService;
import dev.arena.lobby.store.LeaveOutcome;
import dev.arena.lobby.store.PresenceStore;
import dev.arena.model.codec.MessageCodec;
import dev.arena.model.codec.ProtocolException;
import dev.arena.model.codes.CloseCode;
import dev.arena.model.codes.ErrorCode;
import dev.arena.model.protocol.ErrorMessage;
import dev.arena.model.protocol.LobbyClientMessage;
import dev.arena.model.protocol.LobbyServerMessage;
import dev.arena.model.protocol.PlayerInfo;
import dev.arena.model.protocol.SocketLimits;
import dev.arena.model.protocol.SocketPaths;
import dev.arena.model.state.PlayerStatus;
import dev.arena.service.error.ApiException;
import dev.arena.service.error.BoundedWait;
import dev.arena.service.error.StoreUnavailableException;
import dev.arena.service.limits.FrameRateLimiter;
import dev.arena.service.security.Roles;
import dev.arena.service.security.VerifiedTokenCache;
import dev.arena.service.transport.SocketFailures;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * The lobby socket {@code /lobby}. The upgrade needs a player token (a header, or the subprotocol
 * carrier a browser can send; see docs/protocol.md): without one it is refused with 401 before any
 * socket exists. Every handler returns a {@link Uni}, so websockets-next runs it on the event loop;
 * none of them blocks, Redis is only reached through the reactive client. Joining over this socket
 * is the fast path: the token was verified once at the upgrade, and a join is one script call.
 */
@WebSocket(path = SocketPaths.LOBBY)
@RolesAllowed(Roles.PLAYER)
public class LobbySocket {

    private static final Logger LOG = Logger.getLogger(LobbySocket.class);
    private static final UserData.TypedKey<String> PLAYER = UserData.TypedKey.forString("player");
    private static final UserData.TypedKey<JsonWebToken> TOKEN = new UserData.TypedKey<>("token");
    private static final UserData.TypedKey<PlayerInfo> PROFILE = new UserData.TypedKey<>("profile");
    private static final UserData.TypedKey<FrameRateLimiter> LIMITER = new UserData.TypedKey<>("limiter");
    /** A flood is three times the frame rate, two seconds in a row (as on the game socket). */
    private static final int FLOOD_FACTOR = 3;
    private static final int FLOOD_SECONDS = 2;

    private final SecurityIdentity identity;
    private final LobbyConnections connections;
    private final LobbyPushes pushes;
    private final PresenceStore presence;
    private final DisconnectGrace grace;
    private final QueueService queue;
    private final PlayerProfiles profiles;
    private final MessageCodec codec;
    private final VerifiedTokenCache tokens;
    private final LobbyConfig config;

    public LobbySocket(SecurityIdentity identity, LobbyConnections connections, LobbyPushes pushes, PresenceStore presence,
            DisconnectGrace grace, QueueService queue, PlayerProfiles profiles, MessageCodec codec, VerifiedTokenCache tokens,
            LobbyConfig config) {
        this.identity = identity;
        this.queue = queue;
        this.profiles = profiles;
        this.connections = connections;
        this.pushes = pushes;
        this.presence = presence;
        this.grace = grace;
        this.codec = codec;
        this.tokens = tokens;
        this.config = config;
    }

    /**
     * Registers the socket (closing an older one of the same player here; one on another lobby
     * instance is closed by that instance's next presence refresh), keeps its token verified
     * while it is open (the player's REST calls, the join above all, then skip verification),
     * marks the player online and tells them where they are.
     */
    @OnOpen
    @BoundedWait
    public Uni<Void> open(WebSocketConnection connection) {
        JsonWebToken token = (JsonWebToken) identity.getPrincipal();
        String playerId = token.getSubject();
        connection.userData().put(PLAYER, playerId);
        connection.userData().put(TOKEN, token);
        connection.userData().put(LIMITER, new FrameRateLimiter(config.socketFramesPerSecond(), FLOOD_FACTOR, FLOOD_SECONDS,
                System.nanoTime()));
        tokens.hold(token);
        connections.register(playerId, connection).ifPresent(LobbyConnections::closeReplaced);
        grace.cancel(playerId);
        return presence.refresh(List.of(new PresenceStore.Online(playerId, connection.id(), PresenceStore.NEW_SOCKET, null)))
                .chain(refresh -> {
                    refresh.numbered().forEach(connections::numbered);
                    var standing = refresh.standings().get(playerId);
                    connections.told(playerId, standing.record().status());
                    return pushes.greet(connection, standing);
                })
                .onFailure().recoverWithUni(failure -> {
                    // Redis is down: the socket stays; the status loop tells the player once it is back.
                    LOG.warnf("lobby socket of %s opened without its status: %s", playerId, failure.getMessage());
                    return pushes.send(connection, ErrorMessage.of(ErrorCode.UNAVAILABLE, "queue status unavailable, retrying"));
                });
    }

    /**
     * {@code ping} → {@code pong}; {@code queue} and {@code leave} act as {@code POST} and
     * {@code DELETE /lobby/api/queue} and are answered with {@code queue.status} or {@code err} (a
     * leave from a room by the matchmaker's {@code queue.status});
     * anything else gets an {@code err}; a frame above 1 KB closes the socket with 1009; frames
     * above {@code socket-frames-per-second} get {@code err rate_limited}, a flood closes with 1008.
     */
    @OnTextMessage
    @BoundedWait
    public Uni<Void> message(String frame, WebSocketConnection connection) {
        switch (connection.userData().get(LIMITER).onFrame(System.nanoTime())) {
            case CLOSE -> {
                return connection.close(new CloseReason(CloseCode.POLICY_VIOLATION, "too many frames"));
            }
            case DROP -> {
                return pushes.send(connection, ErrorMessage.of(ErrorCode.RATE_LIMITED, "too many frames, slow down"));
            }
            case ACCEPT -> {
                // within the budget
            }
        }
        // A char is at least one UTF-8 byte: only a frame that could be small enough is measured in bytes.
        // Closed with 1009 here (a proper close, unlike the transport's own cap far above it).
        int limit = SocketLimits.MAX_MESSAGE_BYTES;
        if (frame.length() > limit || frame.getBytes(StandardCharsets.UTF_8).length > limit) {
            return connection.close(new CloseReason(CloseCode.TOO_BIG, "frame above 1 KB"));
        }
        LobbyClientMessage message;
        try {
            message = codec.decodeLobbyClient(frame);
        } catch (ProtocolException e) {
            return pushes.send(connection, ErrorMessage.of(e.code(), e.getMessage()));
        }
        Uni<LobbyServerMessage> reply;
        if (message instanceof LobbyClientMessage.Queue) {
            reply = join(connection);
        } else if (message instanceof LobbyClientMessage.Leave) {
            reply = leave(connection);
        } else {
            reply = Uni.createFrom().item(new LobbyServerMessage.Pong());
        }
        // Nothing is half-written (each change is one script); the player is told and may retry.
        return reply.onFailure(StoreUnavailableException::isConnectionFailure)
                .recoverWithItem(() -> ErrorMessage.of(ErrorCode.UNAVAILABLE, "the queue is unavailable, try again"))
                .onFailure(ApiException.class).recoverWithItem(e -> ErrorMessage.of(((ApiException) e).code(), e.getMessage()))
                .chain(answer -> answer == null ? Uni.createFrom().voidItem() : pushes.send(connection, answer));
    }

    private Uni<LobbyServerMessage> join(WebSocketConnection connection) {
        String playerId = connection.userData().get(PLAYER);
        return profile(connection).chain(queue::join).map(result -> {
            if (result instanceof JoinResult.Queued queued) {
                connections.told(playerId, PlayerStatus.QUEUED);
                return pushes.queueStatus(queued.state());
            }
            return ErrorMessage.of(ErrorCode.ALREADY_PLAYING, Placements.conflictMessage(((JoinResult.AlreadyPlaying) result).where()));
        });
    }

    /**
     * The player's name and colors, from the token held since the upgrade and kept for the socket's
     * life (a token's claims never change). Not from the injected identity: that is request scoped,
     * and looking it up built the socket's identity association again for every frame, config
     * lookups included (about 4 % of the lobby's CPU in a profile at 5,000 joins/s).
     */
    private Uni<PlayerInfo> profile(WebSocketConnection connection) {
        PlayerInfo known = connection.userData().get(PROFILE);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return profiles.of(connection.userData().get(TOKEN)).invoke(profile -> connection.userData().put(PROFILE, profile));
    }

    // A leave from a room is answered by the matchmaker's queue.status, which the relay pushed to this socket already.
    private Uni<LobbyServerMessage> leave(WebSocketConnection connection) {
        String playerId = connection.userData().get(PLAYER);
        return queue.leave(playerId, LeaveMode.PLAYER, null).chain(outcome -> {
            if (outcome instanceof LeaveOutcome.InMatch) {
                return Uni.createFrom().item(ErrorMessage.of(ErrorCode.CONFLICT, Placements.IN_MATCH_MESSAGE));
            }
            if (outcome instanceof LeaveOutcome.LeftRoom) {
                return Uni.createFrom().nullItem();
            }
            return queue.standing(playerId).map(state -> {
                connections.told(playerId, state.placement().status());
                return pushes.queueStatus(state);
            });
        });
    }

    /** Starts the grace period, unless a newer socket of the player replaced this one. */
    @OnClose
    public Uni<Void> close(WebSocketConnection connection) {
        JsonWebToken token = connection.userData().get(TOKEN);
        if (token != null) {
            tokens.release(token);
        }
        String playerId = connection.userData().get(PLAYER);
        if (playerId != null && connections.unregister(playerId, connection)) {
            grace.start(playerId, connection.id());
        }
        return Uni.createFrom().voidItem();
    }

    /** A failure in a handler never ends the service; the client is told, the socket stays. */
    @OnError
    public Uni<Void> error(WebSocketConnection connection, Throwable failure) {
        if (SocketFailures.isMessageTooLarge(failure)) {
            return connection.close(new CloseReason(CloseCode.TOO_BIG, "message above 1 KB"));
        }
        ErrorMessage answer;
        if (StoreUnavailableException.isConnectionFailure(failure)) {
            // A store that stalled past the request deadline (BoundedWait): nothing was half-written.
            answer = ErrorMessage.of(ErrorCode.UNAVAILABLE, "the queue is unavailable, try again");
        } else {
            LOG.warnf("lobby socket error: %s", failure.toString());
            answer = ErrorMessage.of(ErrorCode.INTERNAL, "internal error");
        }
        return connection.isOpen() ? pushes.send(connection, answer) : Uni.createFrom().voidItem();
    }
}
