package dev.arena.lobby.transport;

import dev.arena.lobby.domain.DisconnectGrace;
import dev.arena.lobby.store.PresenceStore;
import dev.arena.model.codec.MessageCodec;
import dev.arena.model.codec.ProtocolException;
import dev.arena.model.codes.CloseCode;
import dev.arena.model.codes.ErrorCode;
import dev.arena.model.protocol.ErrorMessage;
import dev.arena.model.protocol.LobbyClientMessage;
import dev.arena.model.protocol.LobbyServerMessage;
import dev.arena.model.protocol.SocketPaths;
import dev.arena.service.security.Roles;
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
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * The lobby socket {@code /lobby}. The upgrade needs a player token (a header, or the subprotocol
 * carrier a browser can send; see docs/protocol.md): without one it is refused with 401 before any
 * socket exists. Every handler returns a {@link Uni}, so websockets-next runs it on the event loop;
 * none of them blocks, Redis is only reached through the reactive client.
 */
@WebSocket(path = SocketPaths.LOBBY)
@RolesAllowed(Roles.PLAYER)
public class LobbySocket {

    /** The frame limit of docs/protocol.md; above it the socket is closed with 1009 (a proper close, unlike Netty's cap). */
    static final int MAX_FRAME_BYTES = 1024;

    private static final Logger LOG = Logger.getLogger(LobbySocket.class);
    private static final UserData.TypedKey<String> PLAYER = UserData.TypedKey.forString("player");

    private final SecurityIdentity identity;
    private final LobbyConnections connections;
    private final LobbyPushes pushes;
    private final PresenceStore presence;
    private final DisconnectGrace grace;
    private final MessageCodec codec;

    public LobbySocket(SecurityIdentity identity, LobbyConnections connections, LobbyPushes pushes,
            PresenceStore presence, DisconnectGrace grace, MessageCodec codec) {
        this.identity = identity;
        this.connections = connections;
        this.pushes = pushes;
        this.presence = presence;
        this.grace = grace;
        this.codec = codec;
    }

    /** Registers the socket (closing an older one of the same player), marks the player online and tells them where they are. */
    @OnOpen
    public Uni<Void> open(WebSocketConnection connection) {
        String playerId = ((JsonWebToken) identity.getPrincipal()).getSubject();
        connection.userData().put(PLAYER, playerId);
        connections.register(playerId, connection).ifPresent(older -> older
                .close(new CloseReason(CloseCode.REPLACED, "replaced by a newer lobby socket"))
                .subscribe().with(ignored -> {}, failure -> {}));
        grace.cancel(playerId);
        return presence.refresh(Map.of(playerId, connection.id()))
                .chain(refresh -> {
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

    /** {@code ping} → {@code pong}; anything else gets an {@code err}; a frame above 1 KB closes the socket with 1009. */
    @OnTextMessage
    public Uni<Void> message(String frame, WebSocketConnection connection) {
        // A char is at least one UTF-8 byte: only a frame that could be small enough is measured in bytes.
        if (frame.length() > MAX_FRAME_BYTES || frame.getBytes(StandardCharsets.UTF_8).length > MAX_FRAME_BYTES) {
            return connection.close(new CloseReason(CloseCode.TOO_BIG, "frame above 1 KB"));
        }
        LobbyServerMessage reply;
        try {
            LobbyClientMessage message = codec.decodeLobbyClient(frame);
            reply = message instanceof LobbyClientMessage.Ping ? new LobbyServerMessage.Pong()
                    : ErrorMessage.of(ErrorCode.UNKNOWN_MESSAGE, "unexpected message");
        } catch (ProtocolException e) {
            reply = ErrorMessage.of(e.code(), e.getMessage());
        }
        return pushes.send(connection, reply);
    }

    /** Starts the grace period, unless a newer socket of the player replaced this one. */
    @OnClose
    public Uni<Void> close(WebSocketConnection connection) {
        String playerId = connection.userData().get(PLAYER);
        if (playerId != null && connections.unregister(playerId, connection)) {
            grace.start(playerId, connection.id());
        }
        return Uni.createFrom().voidItem();
    }

    /** A failure in a handler never ends the service; the client is told, the socket stays. */
    @OnError
    public Uni<Void> error(WebSocketConnection connection, Throwable failure) {
        LOG.warnf("lobby socket error: %s", failure.toString());
        return connection.isOpen()
                ? pushes.send(connection, ErrorMessage.of(ErrorCode.INTERNAL, "internal error"))
                : Uni.createFrom().voidItem();
    }
}
