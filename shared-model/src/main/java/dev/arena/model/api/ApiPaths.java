package dev.arena.model.api;

/**
 * The public REST paths behind the edge (docs/protocol.md), for the services' resources and for
 * clients in Java such as the load generator. Constants, so they can name a JAX-RS {@code @Path}.
 */
public final class ApiPaths {

    /** The lobby's REST API. */
    public static final String LOBBY_API = "/lobby/api";
    /** {@code POST}: a new guest identity and its token. */
    public static final String GUEST = LOBBY_API + "/guest";
    /** {@code POST} joins the queue, {@code DELETE} leaves it, {@code GET} says where the player stands. */
    public static final String QUEUE = LOBBY_API + "/queue";
    /** {@code POST}: a player's feedback. */
    public static final String FEEDBACK = LOBBY_API + "/feedback";
    /** {@code POST}: an operator signs in to the console with its password and gets an admin token. */
    public static final String OPERATOR_SESSION = LOBBY_API + "/operator/session";
    /** {@code GET}: the top players. */
    public static final String LEADERBOARD = LOBBY_API + "/leaderboard";
    /** {@code GET}: the caller's placement, as the matchmaker sees it. */
    public static final String MATCHMAKER_PLACEMENT = "/matchmaker/api/players/me";
    /** {@code GET}: the caller's total score. */
    public static final String GAME_LEADERBOARD_ME = "/game/api/leaderboard/me";

    /**
     * The operator console's way to the services' {@code /admin/...} endpoints through the edge:
     * {@code /console/api/lobby/...}, {@code /console/api/matchmaker/...} and
     * {@code /console/api/game/{nodeId}/...} (an admin token is needed, as on the service ports).
     */
    public static final String CONSOLE_API = "/console/api";

    private ApiPaths() {}
}
