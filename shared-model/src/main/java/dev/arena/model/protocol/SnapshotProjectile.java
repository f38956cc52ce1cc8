package dev.arena.model.protocol;

/** One projectile in a {@code snap}: position and velocity (units/s), so clients can extrapolate it, and its shooter. */
public record SnapshotProjectile(long id, double x, double y, double vx, double vy, String owner) {

    public SnapshotProjectile {
        Require.present(owner, "owner");
    }
}
