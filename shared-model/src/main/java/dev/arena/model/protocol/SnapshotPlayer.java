package dev.arena.model.protocol;

/**
 * One player in a {@code snap}: position, aim (radians), score, and {@code seq}, the last input
 * sequence the server processed for that player, so its own client can reconcile its prediction.
 */
public record SnapshotPlayer(String id, double x, double y, double aim, int score, long seq) {

    public SnapshotPlayer {
        Require.present(id, "id");
    }
}
