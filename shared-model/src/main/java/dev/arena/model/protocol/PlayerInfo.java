package dev.arena.model.protocol;

/** Who a player is, as others see them: id (the token's {@code sub}), display name and colors. */
public record PlayerInfo(String id, String name, Colors colors) {

    /** Colors shown for a member whose record lost them (it expired): the match still runs. */
    public static final Colors FALLBACK_COLORS = new Colors("#888888", "#444444");

    public PlayerInfo {
        Require.present(id, "id");
        Require.present(name, "name");
        Require.present(colors, "colors");
    }

    /**
     * A member whose name or colors may be unknown (their record expired before the room was
     * granted): {@code player-} and the id's first four characters, {@link #FALLBACK_COLORS}.
     */
    public static PlayerInfo withFallbacks(String id, String name, Colors colors) {
        return new PlayerInfo(id, name == null || name.isBlank() ? "player-" + id.substring(0, Math.min(4, id.length())) : name,
                colors == null ? FALLBACK_COLORS : colors);
    }
}
