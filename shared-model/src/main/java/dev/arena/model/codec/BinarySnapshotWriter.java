package dev.arena.model.codec;

import dev.arena.model.rules.GameRules;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Writes a {@code snap} frame of protocol version 2 ({@link BinaryFrames}) entry by entry, so a
 * node writes it straight from its simulation's arrays: {@link #begin}, the players, then the
 * projectiles, then {@link #toByteArray}. The buffer is reused from frame to frame; one writer
 * per room, used by one thread at a time.
 */
public final class BinarySnapshotWriter {

    private static final int MAX_PLAYERS = 0xFF;
    private static final int MAX_PROJECTILES = 0xFFFF;

    private final double arenaWidth;
    private final double arenaHeight;
    private ByteBuffer out = ByteBuffer.allocate(256);
    private int players;
    private int projectiles;

    public BinarySnapshotWriter(GameRules rules) {
        this.arenaWidth = rules.arenaWidth();
        this.arenaHeight = rules.arenaHeight();
    }

    /** Starts the frame of {@code tick}. */
    public BinarySnapshotWriter begin(long tick) {
        out.clear();
        out.put((byte) BinaryFrames.SNAPSHOT).putInt((int) BinaryFrames.u32(tick)).put((byte) 0).putShort((short) 0);
        players = 0;
        projectiles = 0;
        return this;
    }

    /** Adds a player, named by its index in the roster; every player comes before the first projectile. */
    public BinarySnapshotWriter player(int rosterIndex, double x, double y, double aim, int score, long seq) {
        if (projectiles > 0) {
            throw new IllegalStateException("players come before projectiles");
        }
        if (players == MAX_PLAYERS || rosterIndex < 0 || rosterIndex > MAX_PLAYERS) {
            throw new IllegalStateException("a snapshot holds at most " + MAX_PLAYERS + " players, roster indexes below " + MAX_PLAYERS);
        }
        room(BinaryFrames.PLAYER_BYTES);
        out.put((byte) rosterIndex)
                .putShort((short) BinaryFrames.position(x, arenaWidth))
                .putShort((short) BinaryFrames.position(y, arenaHeight))
                .putShort((short) BinaryFrames.aim(aim))
                .putShort((short) BinaryFrames.u16(score))
                .putInt((int) BinaryFrames.u32(seq));
        players++;
        return this;
    }

    /** Adds a projectile, its shooter named by roster index. */
    public BinarySnapshotWriter projectile(long id, int ownerIndex, double x, double y, double vx, double vy) {
        if (projectiles == MAX_PROJECTILES) {
            throw new IllegalStateException("a snapshot holds at most " + MAX_PROJECTILES + " projectiles");
        }
        room(BinaryFrames.PROJECTILE_BYTES);
        out.putInt((int) BinaryFrames.u32(id))
                .put((byte) ownerIndex)
                .putShort((short) BinaryFrames.position(x, arenaWidth))
                .putShort((short) BinaryFrames.position(y, arenaHeight))
                .putShort((short) BinaryFrames.velocity(vx))
                .putShort((short) BinaryFrames.velocity(vy));
        projectiles++;
        return this;
    }

    /** The frame written since {@link #begin}, as a new array (the writer's buffer is reused). */
    public byte[] toByteArray() {
        out.put(5, (byte) players).putShort(6, (short) projectiles);
        return Arrays.copyOf(out.array(), out.position());
    }

    private void room(int bytes) {
        if (out.remaining() < bytes) {
            ByteBuffer larger = ByteBuffer.allocate(out.capacity() * 2);
            larger.put(out.flip());
            out = larger;
        }
    }
}
