package dev.arena.game.node;

import dev.arena.model.codec.BinaryFrames;
import dev.arena.model.codec.MessageCodec;
import dev.arena.model.protocol.GameProtocol;
import dev.arena.model.protocol.GameServerMessage;
import dev.arena.model.protocol.PlayerInfo;
import dev.arena.model.rules.GameRules;
import dev.arena.testsupport.SocketTestClient;
import dev.arena.testsupport.TestTokens;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A game socket client with the game's own helpers: numbered inputs and the newest snapshot. It
 * speaks protocol version 2 (binary {@code snap} and {@code in}) unless asked for version 1;
 * either way its snapshots arrive as {@code GameServerMessage.Snapshot}.
 */
final class GameClient extends SocketTestClient<GameServerMessage> {

    private static final MessageCodec CODEC = new MessageCodec();

    /**
     * How far a version 2 position may be from the node's own (a 16-bit fraction of the default
     * arena's wider side); version 1 carries 2 decimals.
     */
    static final double POSITION_STEP = BinaryFrames.position(1, GameRules.DEFAULTS.arenaWidth());

    private final GameProtocol protocol;
    private long seq;
    // From the latest start: how a binary snapshot names players and scales positions.
    private volatile List<String> roster = List.of();
    private volatile GameRules rules;

    private GameClient(GameProtocol protocol) {
        super(CODEC::decodeGameServer);
        this.protocol = protocol;
    }

    /** The game socket address of a room, on the test's HTTP base address. */
    static URI uri(URI base, String nodeId, String roomId) {
        return URI.create(base.toString().replaceFirst("^http", "ws")).resolve("/game/" + nodeId + "/" + roomId);
    }

    /** Opens {@code uri} with {@code token} (or without a token when null) on version 2; fails with the handshake's status. */
    static GameClient connect(URI uri, String token) throws Exception {
        return connect(uri, token, GameProtocol.V2);
    }

    /** Opens {@code uri} with {@code token} asking for {@code protocol}; fails with the handshake's status. */
    static GameClient connect(URI uri, String token, GameProtocol protocol) throws Exception {
        return open(new GameClient(protocol), uri, token, protocol.subprotocol());
    }

    /** Opens {@code playerId}'s game socket to a room of {@code nodeId} and waits for its {@code start}. */
    static GameClient join(URI base, String nodeId, String roomId, String playerId) throws Exception {
        GameClient client = connect(uri(base, nodeId, roomId), TestTokens.player(playerId));
        client.next(GameServerMessage.Start.class, start -> true);
        return client;
    }

    /** The subprotocol the node chose. */
    String subprotocol() {
        return socket().getSubprotocol();
    }

    /** Sends the next input in the socket's version (sequence numbers count up from 1 on each connection). */
    long input(boolean up, boolean down, boolean left, boolean right, double aim, boolean fire) {
        seq++;
        if (protocol == GameProtocol.V2) {
            sendBinary(BinaryFrames.encodeInput(seq, up, down, left, right, aim, fire));
        } else {
            send("{\"t\":\"in\",\"seq\":" + seq + ",\"up\":" + up + ",\"down\":" + down + ",\"left\":" + left
                    + ",\"right\":" + right + ",\"aim\":" + aim + ",\"fire\":" + fire + "}");
        }
        return seq;
    }

    /** The newest snapshot received so far (draining the queue), waiting for one if none came yet. */
    GameServerMessage.Snapshot latestSnapshot() throws InterruptedException {
        GameServerMessage.Snapshot latest = null;
        GameServerMessage message;
        while ((message = frames.poll()) != null) {
            if (message instanceof GameServerMessage.Snapshot snapshot) {
                latest = snapshot;
            }
        }
        return latest != null ? latest : next(GameServerMessage.Snapshot.class, s -> true);
    }

    @Override
    protected GameServerMessage decodeText(String frame) {
        GameServerMessage message = super.decodeText(frame);
        if (message instanceof GameServerMessage.Start start) {
            roster = start.roster().stream().map(PlayerInfo::id).toList();
            rules = start.rules();
        }
        return message;
    }

    @Override
    protected GameServerMessage decodeBinary(ByteBuffer frame) {
        if (rules == null) {
            throw new AssertionError("a binary frame before start");
        }
        return BinaryFrames.decodeSnapshot(frame, roster, rules);
    }
}
