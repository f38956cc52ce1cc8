package dev.arena.model.protocol;

/** Who a player is, as others see them: id (the token's {@code sub}), display name and colors. */
public record PlayerInfo(String id, String name, Colors colors) {

    public PlayerInfo {
        Require.present(id, "id");
        Require.present(name, "name");
        Require.present(colors, "colors");
    }
}
