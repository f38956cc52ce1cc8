package dev.arena.game.transport;

import dev.arena.game.config.GameConfig;
import dev.arena.game.domain.ConnectedPlayers;
import dev.arena.game.domain.GameMetrics;
import dev.arena.game.domain.InputRules;
import dev.arena.game.domain.NodeReporter;
import dev.arena.game.domain.Room;
import dev.arena.game.domain.RoomRegistry;
import dev.arena.model.codec.BinaryFrames;
import dev.arena.model.codec.MessageCodec;
import dev.arena.model.codec.ProtocolException;
import dev.arena.model.codes.CloseCode;
import dev.arena.model.events.NodeEvent;
import dev.arena.model.protocol.ErrorMessage;
import dev.arena.model.protocol.GameClientMessage;
import dev.arena.model.protocol.GameProtocol;
import dev.arena.model.protocol.GameServerMessage;
import dev.arena.model.protocol.SocketAuth;
import dev.arena.model.protocol.SocketLimits;
import dev.arena.model.protocol.SocketPaths;
import dev.arena.service.limits.FrameRateLimiter;
import dev.arena.service.security.BearerToken;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.JsonWebTokenCredential;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The game socket {@code /game/{nodeId}/{roomId}}. The upgrade, on Vert.x's WebSocket API, needs a
 * player token (the {@code Authorization} header or the subprotocol carrier, {@link SocketAuth})
 * and membership of the room ({@link RoomAccessCheck}); a refusal is an HTTP status with a JSON
 * body. The hot path, a frame, runs on the connection's event loop straight from the socket's
 * Netty pipeline ({@link GameFrameHandler}): size and rate checks, decode, validate, offer to the
 * room's inbox. It never blocks and never reaches Redis or PostgreSQL.
 *
 * <p>Not a websockets-next endpoint: this socket carries about 50 frames per player per second,
 * and websockets-next dispatches each message as a task on a new duplicated context, activates
 * the request context and subscribes a Uni with context propagation: per-frame work as costly as
 * the handler itself, on the path whose cost per player decides how many players a core holds.
 */
@ApplicationScoped
public class GameSocket {

    private static final Logger LOG = Logger.getLogger(GameSocket.class);

    /**
     * Ahead of Quarkus' own security handlers (CORS -300, proactive authentication -200, which may
     * finish on a later loop turn): the upgrade must be paused in the request's first dispatch, or
     * the request's end is read meanwhile and Vert.x refuses to upgrade it ("Request has already
     * been read"). The token is checked here instead, once.
     */
    private static final int ROUTE_ORDER = -1_000;
    private static final String FRAGMENTS_HANDLER = "arena-game-fragments";
    private static final String FRAMES_HANDLER = "arena-game-frames";

    private final RoomRegistry registry;
    private final RoomAccessCheck access;
    private final IdentityProviderManager identities;
    private final ConnectedPlayers connected;
    private final NodeReporter reporter;
    private final GameMetrics metrics;
    private final MessageCodec codec;
    private final GameConfig config;
    private final AtomicLong socketIds = new AtomicLong();

    public GameSocket(RoomRegistry registry, RoomAccessCheck access, IdentityProviderManager identities,
            ConnectedPlayers connected, NodeReporter reporter, GameMetrics metrics, MessageCodec codec, GameConfig config) {
        this.registry = registry;
        this.access = access;
        this.identities = identities;
        this.connected = connected;
        this.reporter = reporter;
        this.metrics = metrics;
        this.codec = codec;
        this.config = config;
    }

    /** What the checks made of an upgrade: {@link RoomAccessCheck#PERMITTED} for the player, or the refusal's status. */
    private record Verdict(String playerId, int status) {}

    void install(@Observes Router router) {
        router.get(SocketPaths.GAME).order(ROUTE_ORDER).handler(this::upgrade);
    }

    /** Checks the upgrade (token, node, room, membership) without blocking, then opens the socket or refuses it. */
    private void upgrade(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (!"websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))) {
            rc.fail(new HttpException(400, "the game socket needs a WebSocket upgrade"));
            return;
        }
        // Held until the checks are done: the upgrade reads the request's end, which must not pass meanwhile.
        request.pause();
        long requested = System.nanoTime();
        Context context = Vertx.currentContext();
        String roomId = rc.pathParam("roomId");
        identityOf(rc)
                .onFailure().recoverWithNull() // a token that fails verification: no identity, 401
                .invoke(() -> metrics.upgradeToken(System.nanoTime() - requested))
                .chain(identity -> access.check(identity, rc.pathParam("nodeId"), roomId)
                        .map(status -> new Verdict(RoomAccessCheck.playerOf(identity), status)))
                .subscribe().with(
                        verdict -> admit(rc, context, roomId, verdict, requested),
                        failure -> context.runOnContext(ignored -> {
                            request.resume();
                            rc.fail(failure);
                        }));
    }

    /** Upgrades a permitted request on the connection's context (its arrival counted at once), or refuses it with the verdict's status. */
    private void admit(RoutingContext rc, Context context, String roomId, Verdict verdict, long requested) {
        boolean permitted = verdict.status() == RoomAccessCheck.PERMITTED;
        if (permitted) {
            arrived(roomId, verdict.playerId());
        }
        context.runOnContext(ignored -> {
            HttpServerRequest request = rc.request();
            if (permitted) {
                request.toWebSocket().onSuccess(socket -> {
                    open(request, socket, verdict.playerId(), roomId);
                    metrics.upgradeOpen(System.nanoTime() - requested);
                })
                        .onFailure(failure -> LOG.debugf("game socket upgrade failed: %s", failure));
            } else {
                request.resume();
                rc.fail(new HttpException(verdict.status()));
            }
        });
    }

    /** The identity of the token the upgrade carries (header first, else the subprotocol carrier); null item without one. */
    private Uni<SecurityIdentity> identityOf(RoutingContext rc) {
        String token = BearerToken.of(rc.request().getHeader(HttpHeaders.AUTHORIZATION));
        if (token == null) {
            token = SocketAuth.tokenOf(rc.request().getHeader(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL));
        }
        if (token == null || token.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        TokenAuthenticationRequest authentication = new TokenAuthenticationRequest(new JsonWebTokenCredential(token));
        HttpSecurityUtils.setRoutingContextAttribute(authentication, rc);
        return identities.authenticate(authentication);
    }

    /** Joins the player to the room (the room sends {@code start}); the arrival was counted when the upgrade passed its checks. */
    private void open(HttpServerRequest request, ServerWebSocket socket, String playerId, String roomId) {
        Optional<Room> room = registry.find(roomId).filter(r -> r.isMember(playerId));
        if (room.isEmpty()) {
            // The match ended between the upgrade and now.
            socket.close((short) CloseCode.ROOM_NOT_FOUND, "the match is not running on this node");
            return;
        }
        String socketId = Long.toString(socketIds.incrementAndGet());
        GameProtocol protocol = GameProtocol.of(socket.subProtocol());
        Channel netty = ((ConnectionBase) request.connection()).channel();
        SocketChannel channel = new SocketChannel(playerId, socket, netty, protocol);
        FrameRateLimiter limiter = new FrameRateLimiter(config.framesPerSecond(), config.floodFactor(), config.floodSeconds(),
                System.nanoTime());
        SocketSession session = new SocketSession(room.get(), channel, limiter);
        // Past Netty's WebSocket codec and ahead of Vert.x's handler, which from now on sees only control frames.
        ChannelPipeline pipeline = netty.pipeline();
        String encoder = pipeline.context(WebSocketFrameEncoder.class).name();
        pipeline.addAfter(encoder, FRAMES_HANDLER, new GameFrameHandler(this, session));
        pipeline.addAfter(encoder, FRAGMENTS_HANDLER, new WebSocketFrameAggregator(SocketLimits.MAX_MESSAGE_BYTES));
        socket.exceptionHandler(failure -> LOG.warnf("game socket error: %s", failure.toString()));
        socket.closeHandler(ignored -> {
            session.room.leave(channel);
            connected.closed(socketId);
        });
        connected.opened(socketId, playerId);
        room.get().join(channel);
        if (registry.find(roomId).orElse(null) != room.get()) {
            // The match ended while this socket opened, after its last commands were read.
            socket.close((short) CloseCode.ROOM_NOT_FOUND, "the match is over");
        }
    }

    /**
     * Counts a member's arrival (reported once) as soon as the upgrade has passed its checks: the
     * steps left (the upgrade and the socket's open) wait for the connection's event loop, which a
     * crowd on a saturated core can hold for seconds, and a player whose checks passed in time
     * must not lose the match to that wait.
     */
    private void arrived(String roomId, String playerId) {
        registry.find(roomId).filter(room -> room.arrivals().arrive(playerId)).ifPresent(room ->
                reporter.report(NodeEvent.arrived(roomId, config.nodeId(), room.epoch(), playerId)));
    }

    /** A text frame: JSON, either version; bytes that are not UTF-8 are read as replacement characters. */
    void text(SocketSession session, ByteBuf frame) {
        if (admitted(session, frame.readableBytes())) {
            try {
                handle(session, codec.decodeGameClient(frame.toString(StandardCharsets.UTF_8)));
            } catch (ProtocolException e) {
                refuse(session, e);
            }
        }
    }

    /** A binary frame: on version 2 an {@code in} ({@link BinaryFrames}); version 1 sockets ignore binary frames (docs/protocol.md). */
    void binary(SocketSession session, ByteBuf frame) {
        if (session.channel.protocol() == GameProtocol.V2 && admitted(session, frame.readableBytes())) {
            try {
                handle(session, BinaryFrames.decodeInput(frame.nioBuffer()));
            } catch (ProtocolException e) {
                refuse(session, e);
            }
        }
    }

    /** Whether a frame passes the size limit (above 1 KB closes with 1009) and the rate (above it is dropped, a flood closes). */
    private boolean admitted(SocketSession session, int bytes) {
        metrics.frameIn();
        if (bytes > SocketLimits.MAX_MESSAGE_BYTES) {
            session.channel.close(CloseCode.TOO_BIG, "frame above " + SocketLimits.MAX_MESSAGE_BYTES + " bytes");
            return false;
        }
        return switch (session.limiter.onFrame(System.nanoTime())) {
            case ACCEPT -> true;
            case DROP -> {
                metrics.frameThrottled();
                yield false;
            }
            case CLOSE -> {
                metrics.frameThrottled();
                session.channel.close(CloseCode.POLICY_VIOLATION, "too many frames");
                yield false;
            }
        };
    }

    /** A valid message: inputs go to the room, {@code ping} is answered. */
    private void handle(SocketSession session, GameClientMessage message) {
        if (message instanceof GameClientMessage.Input input) {
            InputRules.check(input, session.lastSeq);
            session.lastSeq = Math.max(session.lastSeq, input.seq());
            session.room.offer(session.channel, input);
        } else if (message instanceof GameClientMessage.Ping ping) {
            session.channel.send(codec.encode(new GameServerMessage.Pong(ping.id(), ping.clientTime(), System.currentTimeMillis())));
            metrics.framesOut(1);
        }
    }

    /** A frame the protocol refuses: answered {@code err}, the socket stays open. */
    private void refuse(SocketSession session, ProtocolException e) {
        session.channel.send(codec.encode(ErrorMessage.of(e.code(), e.getMessage())));
        metrics.framesOut(1);
    }
}
