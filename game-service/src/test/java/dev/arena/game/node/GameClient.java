package dev.arena.game.node;

import dev.arena.model.codec.MessageCodec;
import dev.arena.model.protocol.GameServerMessage;
import dev.arena.testsupport.SocketTestClient;
import dev.arena.testsupport.TestTokens;
import java.net.URI;

/** A game socket client with the game's own helpers: numbered inputs and the newest snapshot. */
final class GameClient extends SocketTestClient<GameServerMessage> {

    private static final MessageCodec CODEC = new MessageCodec();

    private long seq;

    private GameClient() {
        super(CODEC::decodeGameServer);
    }

    /** The game socket address of a room, on the test's HTTP base address. */
    static URI uri(URI base, String nodeId, String roomId) {
        return URI.create(base.toString().replaceFirst("^http", "ws")).resolve("/game/" + nodeId + "/" + roomId);
    }

    /** Opens {@code uri} with {@code token} (or without a token when null); fails with the handshake's status. */
    static GameClient connect(URI uri, String token) throws Exception {
        return open(new GameClient(), uri, token);
    }

    /** Opens {@code playerId}'s game socket to a room of {@code nodeId} and waits for its {@code start}. */
    static GameClient join(URI base, String nodeId, String roomId, String playerId) throws Exception {
        GameClient client = connect(uri(base, nodeId, roomId), TestTokens.player(playerId));
        client.next(GameServerMessage.Start.class, start -> true);
        return client;
    }

    /** Sends the next input (sequence numbers count up from 1 on each connection). */
    long input(boolean up, boolean down, boolean left, boolean right, double aim, boolean fire) {
        seq++;
        send("{\"t\":\"in\",\"seq\":" + seq + ",\"up\":" + up + ",\"down\":" + down + ",\"left\":" + left
                + ",\"right\":" + right + ",\"aim\":" + aim + ",\"fire\":" + fire + "}");
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
}
