package dev.arena.model.protocol;

/** One player's result in {@code end}; carries the name so a player who left still shows up. */
public record FinalScore(String id, String name, int score) {

    public FinalScore {
        Require.present(id, "id");
        Require.present(name, "name");
    }
}
