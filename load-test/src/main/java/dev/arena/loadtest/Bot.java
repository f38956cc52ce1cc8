package dev.arena.loadtest;

import dev.arena.model.api.ApiPaths;
import dev.arena.model.api.GuestRequest;
import dev.arena.model.api.GuestResponse;
import dev.arena.model.api.Placement;
import dev.arena.model.api.QueueState;
import dev.arena.model.codec.BinaryFrames;
import dev.arena.model.codec.InputFrames;
import dev.arena.model.codec.MessageCodec;
import dev.arena.model.codes.CloseCode;
import dev.arena.model.protocol.ErrorMessage;
import dev.arena.model.protocol.GameServerMessage;
import dev.arena.model.protocol.LobbyServerMessage;
import dev.arena.model.protocol.GameProtocol;
import dev.arena.model.protocol.PlayerInfo;
import dev.arena.model.protocol.SocketAuth;
import dev.arena.model.protocol.SocketPaths;
import dev.arena.model.protocol.WirePrecision;
import dev.arena.model.state.PlayerStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import java.net.URI;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One player: guest, lobby socket, queue, match.ready, game socket, 30 Hz inputs, queue again; all
 * callbacks on one event loop. Lean where it repeats: inputs are written without the codec (8-byte
 * binary frames in protocol version 2, a reused builder in version 1), and a snapshot is read only
 * for the bot's own ack, without decoding it, so the generator's cost per bot stays small next to
 * the node's.
 */
final class Bot {

    /** Inputs remembered for the round trip; older unacked ones are not timed (the server drops the excess anyway). */
    private static final int WINDOW = 256;
    private static final int MAX_QUEUE_TRIES = 50;
    private static final long LOBBY_PING_MS = 20_000;
    private static final int MAX_GAME_ATTEMPTS = 10;
    private static final long GAME_RETRY_MS = 500;
    /** Retries of a request answered 503 (the service sheds load and says when to come back). */
    private static final int MAX_UNAVAILABLE_RETRIES = 10;
    private static final long DEFAULT_RETRY_AFTER_MS = 1_000;

    private final int index;
    private final Vertx vertx;
    private final HttpClient http;
    private final WebSocketClient sockets;
    private final MessageCodec codec;
    private final LoadOptions options;
    private final Metrics metrics;
    private final Fleet fleet;
    private final SplittableRandom random;
    private final long[] sentAt = new long[WINDOW];

    private String token;
    private String playerId;
    private byte[] snapNeedle;
    /** The bot's index in its match's roster ({@code start}): how a version 2 snapshot names it. */
    private int rosterIndex = -1;
    private final StringBuilder inputFrame = new StringBuilder(128);
    private WebSocket lobby;
    private WebSocket game;
    private long guestAt;
    private long queuedAt;
    private boolean roomTimed;
    private boolean placedOnce;
    private boolean firstMatchTimed;
    private boolean upgradeRefused;
    private String gameUrl;
    /** The path of the open game socket ({@code game}), the one its frames come from. */
    private String gamePath;
    /** The node the failover scenario killed under this bot, and when (nanoTime; 0: none, or back already). */
    private String failedNode;
    private long failedAt;
    private boolean failoverNoticed;
    /** When this bot's match was interrupted: its last snapshot before its game socket was lost (nanoTime; 0: not interrupted). */
    private long interruptedAt;
    private int gameAttempts;
    private long inputTimer = -1;
    private long pingTimer = -1;
    private long seq;
    private long acked;
    private long lastSnapAt;
    private boolean up, down, left, right;
    private double aim;
    private boolean done;

    Bot(int index, Vertx vertx, HttpClient http, WebSocketClient sockets, MessageCodec codec, LoadOptions options,
            Metrics metrics, Fleet fleet) {
        this.index = index;
        this.vertx = vertx;
        this.http = http;
        this.sockets = sockets;
        this.codec = codec;
        this.options = options;
        this.metrics = metrics;
        this.fleet = fleet;
        this.random = new SplittableRandom(index * 7919L + 17);
    }

    boolean inGame() {
        return game != null;
    }

    void start() {
        guestAt = System.nanoTime();
        guest(0);
    }

    private void guest(int attempt) {
        post(ApiPaths.GUEST, null, Buffer.buffer(codec.encode(new GuestRequest("Bot" + index, null)))).onSuccess(response -> {
            if (retryUnavailable(response, attempt, "guest", () -> guest(attempt + 1))) {
                return;
            }
            if (response.statusCode() != 200) {
                fail("guest " + response.statusCode());
                return;
            }
            response.body().onSuccess(body -> {
                GuestResponse guest = codec.decode(body.toString(), GuestResponse.class);
                token = guest.token();
                playerId = guest.player().id();
                snapNeedle = SnapshotAck.needle(playerId);
                openLobby();
            }).onFailure(e -> fail("guest body"));
        }).onFailure(e -> fail("guest " + e.getClass().getSimpleName()));
    }

    private void openLobby() {
        sockets.connect(socketOptions(options.target(), SocketPaths.LOBBY, SocketAuth.subprotocols(token))).onSuccess(ws -> {
            lobby = ws;
            metrics.lobbyConnected++;
            ws.textMessageHandler(this::onLobbyFrame);
            ws.closeHandler(v -> {
                metrics.lobbyConnected--;
                lobby = null;
                if (!done) {
                    metrics.close(closeCode(ws));
                    fail("lobby closed");
                }
            });
            pingTimer = vertx.setPeriodic(LOBBY_PING_MS, id -> ws.writeTextMessage("{\"t\":\"ping\"}"));
            if (options.burst()) {
                fleet.ready(this); // the fleet queues every bot together once all are ready
            } else {
                queue(0);
            }
        }).onFailure(e -> fail("lobby connect " + e.getClass().getSimpleName()));
    }

    /** Joins the queue now (the burst's start). */
    void queue() {
        queue(0);
    }

    /** POST /lobby/api/queue; a 409 right after a match means the node has not freed us yet, so it retries a bounded number of times. */
    private void queue(int attempt) {
        if (done) {
            return;
        }
        queuedAt = System.nanoTime();
        metrics.queued(queuedAt);
        roomTimed = false;
        post(ApiPaths.QUEUE, token, Buffer.buffer()).onSuccess(response -> {
            if (response.statusCode() == 202 || retryUnavailable(response, attempt, "queue", () -> queue(attempt + 1))) {
                return;
            }
            if (response.statusCode() == 409 && attempt < MAX_QUEUE_TRIES) {
                vertx.setTimer(200, id -> queue(attempt + 1));
            } else {
                fail("queue " + response.statusCode());
            }
        }).onFailure(e -> fail("queue " + e.getClass().getSimpleName()));
    }

    /**
     * As a client should: a 503 is tried again after its Retry-After, a bounded number of times
     * (each one counted as an error). Returns whether the response was a 503 handled so.
     */
    private boolean retryUnavailable(HttpClientResponse response, int attempt, String what, Runnable retry) {
        if (response.statusCode() != 503 || attempt >= MAX_UNAVAILABLE_RETRIES) {
            return false;
        }
        metrics.error(what + " 503 (retried)");
        long delay = DEFAULT_RETRY_AFTER_MS;
        try {
            String header = response.getHeader("Retry-After");
            delay = header == null ? delay : Math.max(1, Long.parseLong(header.strip())) * 1_000;
        } catch (NumberFormatException e) {
            // A date or garbage: the default delay.
        }
        vertx.setTimer(delay + random.nextLong(0, delay / 2 + 1), id -> retry.run());
        return true;
    }

    private void onLobbyFrame(String frame) {
        LobbyServerMessage message;
        try {
            message = codec.decodeLobbyServer(frame);
        } catch (RuntimeException e) {
            metrics.error("lobby undecodable");
            return;
        }
        if (message instanceof LobbyServerMessage.RoomUpdate update && !roomTimed
                && update.members().stream().anyMatch(m -> m.id().equals(playerId))) {
            roomTimed(update.roomId());
        } else if (message instanceof LobbyServerMessage.MatchReady ready && !ready.url().equals(gameUrl)) {
            if (failedAt != 0 && !failoverNoticed && !FailoverDrill.onNode(ready.url(), failedNode)) {
                failoverNoticed = true;
                metrics.killToMatchReady.record(System.nanoTime() - failedAt);
            }
            if (!roomTimed) {
                roomTimed(ready.roomId()); // a room that filled up at once is told by its match.ready alone
            }
            gameUrl = ready.url();
            gameAttempts = 0;
            openGame(ready.url());
        } else if (message instanceof ErrorMessage err) {
            metrics.error("lobby err " + err.code());
        }
    }

    private void roomTimed(String roomId) {
        roomTimed = true;
        metrics.assigned(queuedAt, System.nanoTime(), roomId, !placedOnce);
        placedOnce = true;
    }

    private void openGame(String path) {
        sockets.connect(socketOptions(options.gameTarget(path), path, options.protocol().offer(token))).onSuccess(ws -> {
            game = ws;
            gamePath = path;
            if (failedAt != 0 && !FailoverDrill.onNode(path, failedNode)) {
                metrics.killToGameSocket.record(System.nanoTime() - failedAt);
            }
            metrics.gameConnected++;
            seq = 0;
            acked = 0;
            lastSnapAt = 0;
            ws.frameHandler(this::onGameFrame);
            ws.closeHandler(v -> onGameClosed(ws));
        }).onFailure(e -> {
            // Forget the URL, so a later match.ready for the same room (after a hand-over) is tried again;
            // unless another attempt (a match.ready with a new address) has replaced it meanwhile.
            if (path.equals(gameUrl)) {
                gameUrl = null;
            }
            if (e instanceof UpgradeRejectedException && !upgradeRefused) {
                upgradeRefused = true;
                metrics.botsRefused++;
            }
            metrics.error(e instanceof UpgradeRejectedException rejected
                    ? "game upgrade " + rejected.getStatus() : "game connect " + e.getClass().getSimpleName());
            if (!done && gameAttempts < MAX_GAME_ATTEMPTS) {
                vertx.setTimer(GAME_RETRY_MS, id -> rejoin());
            }
        });
    }

    /**
     * As the browser client does after a refused game socket: asks the lobby where the player is
     * ({@code GET /lobby/api/queue}) and goes to the match it names (the node may not have read
     * the room yet, or it moved), a bounded number of times.
     */
    private void rejoin() {
        if (done || game != null) {
            return;
        }
        gameAttempts++;
        request(HttpMethod.GET, ApiPaths.QUEUE, token, Buffer.buffer()).onSuccess(response -> response.body().onSuccess(body -> {
            if (response.statusCode() != 200) {
                return;
            }
            Placement placement = codec.decode(body.toString(), QueueState.class).placement();
            if (game != null || done) {
                return;
            }
            if (placement.url() != null && !placement.url().equals(gameUrl)) {
                gameUrl = placement.url();
                openGame(placement.url());
            } else if (placement.status() == PlayerStatus.IDLE) {
                if (interruptedAt != 0) {
                    metrics.interruptedMatchesLost++; // the match did not go on without this player
                    interruptedAt = 0;
                }
                queue(0); // the match ended meanwhile: play the next one
            }
        }));
    }

    // Frames, not messages: a snapshot's bytes are read without decoding them (version 1: without
    // making them a String). The node sends every message as one frame; control frames are Vert.x's business.
    private void onGameFrame(WebSocketFrame frame) {
        if (frame.isContinuation() || !frame.isFinal()) {
            metrics.error("game fragmented frame");
            return;
        }
        long now = System.nanoTime();
        if (frame.isBinary()) {
            Buffer bytes = frame.binaryData();
            onSnapshot(bytes.length(), BinaryFrames.ackOf(bytes.getByteBuf().nioBuffer(), rosterIndex), now);
            return;
        }
        if (!frame.isText()) {
            return;
        }
        Buffer bytes = frame.binaryData();
        if (SnapshotAck.isSnapshot(bytes)) {
            onSnapshot(bytes.length(), SnapshotAck.seqOf(bytes, snapNeedle), now);
            return;
        }
        GameServerMessage message;
        try {
            message = codec.decodeGameServer(frame.textData());
        } catch (RuntimeException e) {
            metrics.error("game undecodable");
            return;
        }
        if (message instanceof GameServerMessage.Snapshot) {
            metrics.error("game snap not recognised");
        } else if (message instanceof GameServerMessage.Start start) {
            rosterIndex = start.roster().stream().map(PlayerInfo::id).toList().indexOf(playerId);
            metrics.inGame++;
            metrics.matchesStarted++;
            if (!firstMatchTimed) {
                firstMatchTimed = true;
                metrics.guestToMatch.record(now - guestAt);
                metrics.firstStart(queuedAt, now, upgradeRefused);
            }
            long periodMs = Math.max(1, Math.round(1000 / options.inputHz()));
            inputTimer = vertx.setPeriodic(periodMs, id -> sendInput());
        } else if (message instanceof GameServerMessage.End) {
            metrics.matchesEnded++;
        } else if (message instanceof ErrorMessage err) {
            metrics.error("game err " + err.code());
        }
    }

    /**
     * The failover scenario killed (the rolling one stopped) {@code nodeId} at {@code killedAt}: if
     * this bot was playing there, its way back to a snapshot from another node is timed. Returns
     * whether it was.
     */
    boolean failover(String nodeId, long killedAt) {
        if (game == null || !FailoverDrill.onNode(gamePath, nodeId)) {
            return false;
        }
        failedNode = nodeId;
        failedAt = killedAt;
        failoverNoticed = false;
        return true;
    }

    /** Whether this bot's match was interrupted and has not gone on yet. */
    boolean interrupted() {
        return interruptedAt != 0;
    }

    /** A snapshot of {@code length} bytes acknowledging {@code ackSeq} (-1: none for this bot). */
    private void onSnapshot(int length, long ackSeq, long now) {
        if (failedAt != 0 && !FailoverDrill.onNode(gamePath, failedNode)) {
            metrics.killToSnapshot.record(now - failedAt);
            failedAt = 0;
        }
        if (interruptedAt != 0) {
            metrics.interruption.record(now - interruptedAt);
            interruptedAt = 0;
        }
        metrics.snapshots++;
        metrics.snapshotBytes += length;
        if (lastSnapAt != 0) {
            metrics.snapshotInterval.record(now - lastSnapAt);
        }
        lastSnapAt = now;
        if (ackSeq >= 0) {
            ack(ackSeq, now);
        }
    }

    /** Times every input from the last ack up to this one (at most the window), each from its own send. */
    private void ack(long ackSeq, long now) {
        long from = Math.max(acked + 1, ackSeq - WINDOW + 1);
        for (long s = from; s <= ackSeq && s <= seq; s++) {
            metrics.inputRoundTrip.record(now - sentAt[(int) (s % WINDOW)]);
        }
        acked = Math.max(acked, ackSeq);
    }

    /** A random walk: each input keeps the keys most of the time, turns the aim a little, fires now and then. */
    private void sendInput() {
        if (random.nextInt(10) == 0) {
            up = random.nextBoolean();
            down = !up && random.nextBoolean();
            left = random.nextBoolean();
            right = !left && random.nextBoolean();
        }
        // Rounded as the browser client rounds it (in version 1, a short number the node reads on its fast path).
        aim = WirePrecision.round(Math.IEEEremainder(aim + random.nextDouble(-0.3, 0.3), 2 * Math.PI), WirePrecision.AIM);
        boolean fire = random.nextInt(8) == 0;
        seq++;
        sentAt[(int) (seq % WINDOW)] = System.nanoTime();
        if (options.protocol() == GameProtocol.V2) {
            game.writeBinaryMessage(Buffer.buffer(BinaryFrames.encodeInput(seq, up, down, left, right, aim, fire)));
        } else {
            inputFrame.setLength(0);
            game.writeTextMessage(InputFrames.write(inputFrame, seq, up, down, left, right, aim, fire).toString());
        }
        metrics.inputsSent++;
    }

    private void onGameClosed(WebSocket ws) {
        int code = closeCode(ws);
        metrics.close(code);
        metrics.gameConnected--;
        if (ws != game) {
            return; // an older socket of this bot, already replaced
        }
        if (inputTimer >= 0) {
            vertx.cancelTimer(inputTimer);
            inputTimer = -1;
            metrics.inGame--;
        }
        game = null;
        gameUrl = null;
        if (fleet.stopping()) {
            stop();
        } else if (code == CloseCode.MATCH_OVER || code == CloseCode.MATCH_CANCELLED) {
            queue(0);
        } else {
            // The node went away or let the room go (4004, 1001, a dropped connection): the match may
            // go on elsewhere. As the browser does: ask the lobby where, and follow its match.ready.
            if (interruptedAt == 0) {
                interruptedAt = lastSnapAt != 0 ? lastSnapAt : System.nanoTime();
            }
            gameAttempts = 0;
            vertx.setTimer(GAME_RETRY_MS, id -> rejoin());
        }
    }

    /** Leaves: cancels the timers and closes the sockets; the fleet counts the bot as finished once. */
    void stop() {
        if (done) {
            return;
        }
        done = true;
        if (pingTimer >= 0) {
            vertx.cancelTimer(pingTimer);
        }
        if (inputTimer >= 0) {
            vertx.cancelTimer(inputTimer);
            inputTimer = -1;
            metrics.inGame--;
        }
        if (game != null) {
            game.close();
        }
        if (lobby != null) {
            lobby.close();
        }
        fleet.finished();
    }

    private void fail(String what) {
        metrics.error(what);
        stop();
    }

    private static int closeCode(WebSocket ws) {
        Short code = ws.closeStatusCode();
        return code == null ? 1006 : code;
    }

    private static WebSocketConnectOptions socketOptions(URI server, String path, List<String> subprotocols) {
        return new WebSocketConnectOptions().setHost(server.getHost()).setPort(LoadOptions.portOf(server))
                .setURI(path).setSubProtocols(subprotocols);
    }

    private Future<HttpClientResponse> post(String path, String bearer, Buffer body) {
        return request(HttpMethod.POST, path, bearer, body);
    }

    private Future<HttpClientResponse> request(HttpMethod method, String path, String bearer, Buffer body) {
        return http.request(method, options.port(), options.target().getHost(), path).compose(request -> {
            request.putHeader("Content-Type", "application/json");
            if (bearer != null) {
                request.putHeader("Authorization", "Bearer " + bearer);
            }
            return request.send(body);
        });
    }
}
