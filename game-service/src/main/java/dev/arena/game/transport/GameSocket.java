package dev.arena.game.transport;

import dev.arena.game.config.GameConfig;
import dev.arena.game.domain.ConnectedPlayers;
import dev.arena.game.domain.GameMetrics;
import dev.arena.game.domain.InputRules;
import dev.arena.game.domain.NodeReporter;
import dev.arena.game.domain.Room;
import dev.arena.game.domain.RoomRegistry;
import dev.arena.model.codec.MessageCodec;
import dev.arena.model.codec.ProtocolException;
import dev.arena.model.codes.CloseCode;
import dev.arena.model.events.NodeEvent;
import dev.arena.model.protocol.ErrorMessage;
import dev.arena.model.protocol.GameClientMessage;
import dev.arena.model.protocol.GameServerMessage;
import dev.arena.model.protocol.SocketPaths;
import dev.arena.service.limits.FrameRateLimiter;
import dev.arena.service.security.Roles;
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
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The game socket {@code /game/{nodeId}/{roomId}}. The upgrade needs a player token (header or
 * subprotocol carrier) and membership of the room ({@link RoomAccessCheck}). The hot path, a
 * frame, runs on the connection's event loop ({@code @NonBlocking}; a plain {@code void} handler
 * would go to a worker thread): size and rate checks, decode, validate, offer to the room's
 * inbox. It never blocks and never reaches Redis or PostgreSQL.
 */
@WebSocket(path = SocketPaths.GAME)
@RolesAllowed(Roles.PLAYER)
public class GameSocket {

    private static final Logger LOG = Logger.getLogger(GameSocket.class);
    private static final UserData.TypedKey<SocketSession> SESSION = new UserData.TypedKey<>("arena.session");

    private final SecurityIdentity identity;
    private final RoomRegistry registry;
    private final ConnectedPlayers connected;
    private final NodeReporter reporter;
    private final GameMetrics metrics;
    private final MessageCodec codec;
    private final GameConfig config;

    public GameSocket(SecurityIdentity identity, RoomRegistry registry, ConnectedPlayers connected, NodeReporter reporter,
            GameMetrics metrics, MessageCodec codec, GameConfig config) {
        this.identity = identity;
        this.registry = registry;
        this.connected = connected;
        this.reporter = reporter;
        this.metrics = metrics;
        this.codec = codec;
        this.config = config;
    }

    /** Joins the player to the room (the room sends {@code start}) and reports the arrival to the matchmaker. */
    @OnOpen
    public Uni<Void> open(WebSocketConnection connection) {
        String playerId = RoomAccessCheck.playerOf(identity);
        String roomId = connection.pathParam("roomId");
        Optional<Room> room = registry.find(roomId).filter(r -> playerId != null && r.isMember(playerId));
        if (room.isEmpty()) {
            // The match ended between the upgrade and now.
            return connection.close(new CloseReason(CloseCode.ROOM_NOT_FOUND, "the match is not running on this node"));
        }
        SocketChannel channel = new SocketChannel(playerId, connection);
        FrameRateLimiter limiter = new FrameRateLimiter(config.framesPerSecond(), config.floodFactor(), config.floodSeconds(),
                System.nanoTime());
        connection.userData().put(SESSION, new SocketSession(room.get(), channel, limiter));
        connected.opened(connection.id(), playerId);
        room.get().join(channel);
        if (registry.find(roomId).orElse(null) != room.get()) {
            // The match ended while this socket opened, after its last commands were read.
            return connection.close(new CloseReason(CloseCode.ROOM_NOT_FOUND, "the match is over"));
        }
        if (room.get().arrivals().arrive(playerId)) {
            reporter.report(NodeEvent.arrived(roomId, config.nodeId(), room.get().epoch(), playerId));
        }
        return Uni.createFrom().voidItem();
    }

    /** One frame: at most 1 KB, within the rate, a valid message; inputs go to the room, {@code ping} is answered. */
    @OnTextMessage
    @NonBlocking
    public void message(String frame, WebSocketConnection connection) {
        SocketSession session = connection.userData().get(SESSION);
        if (session == null) {
            return;
        }
        metrics.frameIn();
        if (tooLarge(frame, config.maxFrameBytes())) {
            session.channel.close(CloseCode.TOO_BIG, "frame above " + config.maxFrameBytes() + " bytes");
            return;
        }
        switch (session.limiter.onFrame(System.nanoTime())) {
            case DROP -> {
                metrics.frameThrottled();
                return;
            }
            case CLOSE -> {
                metrics.frameThrottled();
                session.channel.close(CloseCode.POLICY_VIOLATION, "too many frames");
                return;
            }
            case ACCEPT -> { }
        }
        try {
            GameClientMessage message = codec.decodeGameClient(frame);
            if (message instanceof GameClientMessage.Input input) {
                InputRules.check(input, session.lastSeq);
                session.lastSeq = Math.max(session.lastSeq, input.seq());
                session.room.offer(session.channel, input);
            } else if (message instanceof GameClientMessage.Ping ping) {
                session.channel.send(codec.encode(new GameServerMessage.Pong(ping.id(), ping.clientTime(), System.currentTimeMillis())));
                metrics.framesOut(1);
            }
        } catch (ProtocolException e) {
            session.channel.send(codec.encode(ErrorMessage.of(e.code(), e.getMessage())));
            metrics.framesOut(1);
        }
    }

    /** The player leaves play; their slot (position, score) waits for a reconnect. */
    @OnClose
    @NonBlocking
    public void close(WebSocketConnection connection) {
        SocketSession session = connection.userData().get(SESSION);
        if (session != null) {
            session.room.leave(session.channel);
            connected.closed(connection.id());
        }
    }

    /** A failure in a handler is logged; the socket and the room carry on. */
    @OnError
    @NonBlocking
    public void error(WebSocketConnection connection, Throwable failure) {
        if (SocketFailures.isMessageTooLarge(failure)) {
            connection.close(new CloseReason(CloseCode.TOO_BIG, "message above 1 KB")).subscribe().with(closed -> {}, ignored -> {});
            return;
        }
        LOG.warnf("game socket %s error: %s", connection.id(), failure.toString());
    }

    /** Whether the frame's UTF-8 form exceeds {@code max} bytes, counted without encoding it. */
    static boolean tooLarge(String frame, int max) {
        int length = frame.length();
        if (length > max) {
            return true;
        }
        if ((long) length * 3 <= max) {
            return false;
        }
        long bytes = 0;
        for (int i = 0; i < length; i++) {
            char c = frame.charAt(i);
            // A surrogate pair is 4 bytes: 2 for each half.
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes > max;
    }
}
