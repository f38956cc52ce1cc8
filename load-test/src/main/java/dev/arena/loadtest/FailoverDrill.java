package dev.arena.loadtest;

import dev.arena.model.protocol.SocketPaths;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The failover scenario's kill: once the players are in their matches ({@code killAfter}), sends
 * SIGKILL to one game node and times each of its players' return, from the kill to the first
 * snapshot of their match from its new node (docs/matchmaking.md, "Takeover"). The bots find the
 * new node by themselves, as players would: {@code match.ready} on the lobby socket, or the lobby's
 * placement after their game socket dropped.
 */
final class FailoverDrill {

    private final Vertx vertx;
    private final LoadOptions options;
    private final Metrics metrics;
    private final Fleet fleet;
    private int affected;
    private long playersThen;

    FailoverDrill(Vertx vertx, LoadOptions options, Metrics metrics, Fleet fleet) {
        this.vertx = vertx;
        this.options = options;
        this.metrics = metrics;
        this.fleet = fleet;
    }

    void run() {
        vertx.setTimer(options.killAfter().toMillis(), id -> kill());
    }

    private void kill() {
        String nodeId = options.killNode();
        playersThen = metrics.inGame;
        boolean killed = ProcessHandle.of(options.killPid()).map(ProcessHandle::destroyForcibly).orElse(false);
        affected = fleet.failover(nodeId, System.nanoTime());
        System.out.printf("failover: %s node %s (pid %d) with %d of the %d players in a match%n",
                killed ? "killed" : "could not kill", nodeId, options.killPid(), affected, playersThen);
    }

    /** Whether a game socket path is on the killed node. */
    static boolean onNode(String path, String nodeId) {
        return nodeId.equals(SocketPaths.gameNodeOf(path));
    }

    /** The figures of the kill, for the result file. */
    Map<String, Object> result() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("killedNode", options.killNode());
        out.put("killedAfterSeconds", options.killAfter().toSeconds());
        out.put("playersInMatches", playersThen);
        out.put("playersOnKilledNode", affected);
        out.put("playersBack", metrics.killToSnapshot.count());
        out.put("playersLost", affected - metrics.killToSnapshot.count());
        out.put("killToFirstSnapshotMs", metrics.killToSnapshot.summary());
        out.put("killToMatchReadyMs", metrics.killToMatchReady.summary());
        out.put("killToGameSocketMs", metrics.killToGameSocket.summary());
        return out;
    }
}
