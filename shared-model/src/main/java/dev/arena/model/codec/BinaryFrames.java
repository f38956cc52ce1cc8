package dev.arena.model.codec;

import dev.arena.model.codes.ErrorCode;
import dev.arena.model.protocol.GameClientMessage;
import dev.arena.model.protocol.GameServerMessage;
import dev.arena.model.protocol.SnapshotPlayer;
import dev.arena.model.protocol.SnapshotProjectile;
import dev.arena.model.rules.GameRules;
import dev.arena.model.rules.InputLimits;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary frames of the game protocol's version 2 ({@code GameProtocol.V2}): the byte layout of
 * {@code snap} and {@code in} (docs/protocol.md), big-endian, the message type in the first byte.
 * Numbers are quantized to what play needs: positions as 16-bit fractions of the arena's width and
 * height, aims as 16-bit fractions of {@link InputLimits#MAX_AIM}, velocities in whole units per
 * second; a snapshot names players by their index in the roster of {@code start}. A frame decoded
 * and encoded again gives the same bytes.
 */
public final class BinaryFrames {

    /** Type byte of a {@code snap}. */
    public static final int SNAPSHOT = 0x01;
    /** Type byte of an {@code in}. */
    public static final int INPUT = 0x02;

    /** type u8, tick u32, player count u8, projectile count u16. */
    public static final int SNAPSHOT_HEADER_BYTES = 8;
    /** roster index u8, x u16, y u16, aim i16, score u16, seq u32. */
    public static final int PLAYER_BYTES = 13;
    /** id u32, owner's roster index u8, x u16, y u16, vx i16, vy i16. */
    public static final int PROJECTILE_BYTES = 13;
    /** type u8, seq u32, buttons u8, aim i16. */
    public static final int INPUT_BYTES = 8;

    /** Bits of an input's buttons byte; the others must be 0. */
    public static final int UP = 1;
    public static final int DOWN = 1 << 1;
    public static final int LEFT = 1 << 2;
    public static final int RIGHT = 1 << 3;
    public static final int FIRE = 1 << 4;
    private static final int BUTTONS = UP | DOWN | LEFT | RIGHT | FIRE;

    private static final int POSITION_STEPS = 0xFFFF;
    private static final int AIM_STEPS = Short.MAX_VALUE;
    private static final long MAX_U32 = 0xFFFF_FFFFL;

    private BinaryFrames() {}

    // --- quantization ----------------------------------------------------------------------------

    /** A position along an arena side of length {@code extent}, as its u16 fraction (clamped to the arena). */
    public static int position(double value, double extent) {
        return (int) Math.round(clamp(value / extent, 0, 1) * POSITION_STEPS);
    }

    /** The position a u16 fraction of {@code extent} stands for. */
    public static double position(int quantized, double extent) {
        return quantized * extent / POSITION_STEPS;
    }

    /** An aim in radians as its i16 fraction of 2π (clamped to ±2π). */
    public static int aim(double radians) {
        return (int) Math.round(clamp(radians / InputLimits.MAX_AIM, -1, 1) * AIM_STEPS);
    }

    /** The aim an i16 fraction of 2π stands for. */
    public static double aim(int quantized) {
        return quantized * InputLimits.MAX_AIM / AIM_STEPS;
    }

    /** A velocity in whole units per second (clamped to the i16 range). */
    public static int velocity(double unitsPerSecond) {
        return (int) Math.round(clamp(unitsPerSecond, Short.MIN_VALUE, Short.MAX_VALUE));
    }

    /** {@code value} within [0, 2^16 - 1]: a score as a u16. */
    static int u16(int value) {
        return Math.min(Math.max(value, 0), 0xFFFF);
    }

    /** {@code value} within [0, 2^32 - 1]: a count or id as a u32. */
    static long u32(long value) {
        return Math.min(Math.max(value, 0), MAX_U32);
    }

    private static double clamp(double value, double min, double max) {
        return value < min ? min : value > max ? max : value;
    }

    // --- in ----------------------------------------------------------------------------------------

    /** The frame of an input (its seq beyond 2^32 - 1 cannot be sent in version 2). */
    public static byte[] encodeInput(long seq, boolean up, boolean down, boolean left, boolean right, double aim, boolean fire) {
        if (seq < 0 || seq > MAX_U32) {
            throw new IllegalArgumentException("seq " + seq + " does not fit in 32 bits");
        }
        int buttons = (up ? UP : 0) | (down ? DOWN : 0) | (left ? LEFT : 0) | (right ? RIGHT : 0) | (fire ? FIRE : 0);
        return ByteBuffer.allocate(INPUT_BYTES).put((byte) INPUT).putInt((int) seq).put((byte) buttons)
                .putShort((short) aim(aim)).array();
    }

    /** The frame of {@code input}. */
    public static byte[] encode(GameClientMessage.Input input) {
        return encodeInput(input.seq(), input.up(), input.down(), input.left(), input.right(), input.aim(), input.fire());
    }

    /**
     * The input of a binary frame from a client (the bytes between position and limit); a frame that
     * is not an {@code in} of the right length, or sets unknown buttons, is a {@link ProtocolException}.
     */
    public static GameClientMessage.Input decodeInput(ByteBuffer frame) {
        int at = frame.position();
        requireType(frame, INPUT);
        if (frame.remaining() != INPUT_BYTES) {
            throw new ProtocolException(ErrorCode.MALFORMED_FRAME,
                    "an input frame is " + INPUT_BYTES + " bytes, got " + frame.remaining());
        }
        int buttons = Byte.toUnsignedInt(frame.get(at + 5));
        if ((buttons & ~BUTTONS) != 0) {
            throw new ProtocolException(ErrorCode.INVALID_VALUE, "unknown input buttons " + buttons);
        }
        return new GameClientMessage.Input(Integer.toUnsignedLong(frame.getInt(at + 1)), (buttons & UP) != 0,
                (buttons & DOWN) != 0, (buttons & LEFT) != 0, (buttons & RIGHT) != 0, aim(frame.getShort(at + 6)),
                (buttons & FIRE) != 0);
    }

    /** The type byte of a frame (-1 when empty). */
    public static int typeOf(ByteBuffer frame) {
        return frame.hasRemaining() ? Byte.toUnsignedInt(frame.get(frame.position())) : -1;
    }

    // --- snap --------------------------------------------------------------------------------------

    /** The frame of {@code snapshot}, whose player ids are in {@code roster} (ids in roster order), on {@code rules}' arena. */
    public static byte[] encode(GameServerMessage.Snapshot snapshot, List<String> roster, GameRules rules) {
        BinarySnapshotWriter writer = new BinarySnapshotWriter(rules).begin(snapshot.tick());
        for (SnapshotPlayer player : snapshot.players()) {
            writer.player(indexOf(roster, player.id()), player.x(), player.y(), player.aim(), player.score(), player.seq());
        }
        for (SnapshotProjectile projectile : snapshot.proj()) {
            writer.projectile(projectile.id(), indexOf(roster, projectile.owner()), projectile.x(), projectile.y(),
                    projectile.vx(), projectile.vy());
        }
        return writer.toByteArray();
    }

    /**
     * The snapshot of a binary frame from the node: ids from {@code roster} (ids in the order of
     * {@code start}'s roster), positions on {@code rules}' arena. A frame of another type or
     * length, or naming a player outside the roster, is a {@link ProtocolException}.
     */
    public static GameServerMessage.Snapshot decodeSnapshot(ByteBuffer frame, List<String> roster, GameRules rules) {
        int at = frame.position();
        int players = checkedSnapshot(frame);
        int projectiles = Short.toUnsignedInt(frame.getShort(at + 6));
        List<SnapshotPlayer> list = new ArrayList<>(players);
        int entry = at + SNAPSHOT_HEADER_BYTES;
        for (int i = 0; i < players; i++, entry += PLAYER_BYTES) {
            list.add(new SnapshotPlayer(idAt(roster, frame.get(entry)),
                    position(Short.toUnsignedInt(frame.getShort(entry + 1)), rules.arenaWidth()),
                    position(Short.toUnsignedInt(frame.getShort(entry + 3)), rules.arenaHeight()),
                    aim(frame.getShort(entry + 5)), Short.toUnsignedInt(frame.getShort(entry + 7)),
                    Integer.toUnsignedLong(frame.getInt(entry + 9))));
        }
        List<SnapshotProjectile> proj = new ArrayList<>(projectiles);
        for (int i = 0; i < projectiles; i++, entry += PROJECTILE_BYTES) {
            proj.add(new SnapshotProjectile(Integer.toUnsignedLong(frame.getInt(entry)), 
                    position(Short.toUnsignedInt(frame.getShort(entry + 5)), rules.arenaWidth()),
                    position(Short.toUnsignedInt(frame.getShort(entry + 7)), rules.arenaHeight()),
                    frame.getShort(entry + 9), frame.getShort(entry + 11), idAt(roster, frame.get(entry + 4))));
        }
        return new GameServerMessage.Snapshot(Integer.toUnsignedLong(frame.getInt(at + 1)), list, proj);
    }

    /**
     * The input sequence a snapshot frame acknowledges for the player at {@code rosterIndex}, read
     * without decoding the rest; -1 when the player is not in it (or the frame is not a snapshot).
     */
    public static long ackOf(ByteBuffer frame, int rosterIndex) {
        if (typeOf(frame) != SNAPSHOT || frame.remaining() < SNAPSHOT_HEADER_BYTES) {
            return -1;
        }
        int at = frame.position();
        int players = Byte.toUnsignedInt(frame.get(at + 5));
        int entry = at + SNAPSHOT_HEADER_BYTES;
        for (int i = 0; i < players && entry + PLAYER_BYTES <= frame.limit(); i++, entry += PLAYER_BYTES) {
            if (Byte.toUnsignedInt(frame.get(entry)) == rosterIndex) {
                return Integer.toUnsignedLong(frame.getInt(entry + 9));
            }
        }
        return -1;
    }

    /** The player count of a snapshot frame whose type and length check out. */
    private static int checkedSnapshot(ByteBuffer frame) {
        requireType(frame, SNAPSHOT);
        if (frame.remaining() < SNAPSHOT_HEADER_BYTES) {
            throw new ProtocolException(ErrorCode.MALFORMED_FRAME, "a snapshot frame is at least " + SNAPSHOT_HEADER_BYTES + " bytes");
        }
        int players = Byte.toUnsignedInt(frame.get(frame.position() + 5));
        int projectiles = Short.toUnsignedInt(frame.getShort(frame.position() + 6));
        int expected = SNAPSHOT_HEADER_BYTES + players * PLAYER_BYTES + projectiles * PROJECTILE_BYTES;
        if (frame.remaining() != expected) {
            throw new ProtocolException(ErrorCode.MALFORMED_FRAME,
                    "a snapshot of " + players + " players and " + projectiles + " projectiles is " + expected
                            + " bytes, got " + frame.remaining());
        }
        return players;
    }

    /** Refuses a frame whose type byte is not {@code expected} ({@code unknown_message}). */
    private static void requireType(ByteBuffer frame, int expected) {
        int type = typeOf(frame);
        if (type != expected) {
            throw new ProtocolException(ErrorCode.UNKNOWN_MESSAGE, type < 0
                    ? "empty binary frame" : "unknown binary message type " + type);
        }
    }

    private static int indexOf(List<String> roster, String id) {
        int index = roster.indexOf(id);
        if (index < 0) {
            throw new IllegalArgumentException("player " + id + " is not in the roster");
        }
        return index;
    }

    private static String idAt(List<String> roster, byte index) {
        int i = Byte.toUnsignedInt(index);
        if (i >= roster.size()) {
            throw new ProtocolException(ErrorCode.INVALID_VALUE, "roster index " + i + " is not in the roster");
        }
        return roster.get(i);
    }
}
