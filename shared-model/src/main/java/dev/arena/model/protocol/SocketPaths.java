package dev.arena.model.protocol;

/** The socket paths the services listen on and clients connect to (behind nginx, same paths). */
public final class SocketPaths {

    /** The lobby socket: queue status, room membership and countdown, {@code match.ready}. */
    public static final String LOBBY = "/lobby";

    /** The game socket as a Vert.x route path ({@code /game/<node>/<room>}); nginx routes on {@code nodeId}. */
    public static final String GAME = "/game/:nodeId/:roomId";

    private SocketPaths() {}

    private static final String GAME_PREFIX = "/game/";

    /** The game socket path of one room on one node, as sent in {@code match.ready}. */
    public static String game(String nodeId, String roomId) {
        return GAME_PREFIX + Require.present(nodeId, "nodeId") + "/" + Require.present(roomId, "roomId");
    }

    /** The node a game socket path ({@link #game}) names, or null when {@code path} is not one. */
    public static String gameNodeOf(String path) {
        if (path == null || !path.startsWith(GAME_PREFIX)) {
            return null;
        }
        int end = path.indexOf('/', GAME_PREFIX.length());
        return end <= GAME_PREFIX.length() || end == path.length() - 1 ? null : path.substring(GAME_PREFIX.length(), end);
    }
}
