package dev.arena.model.keys;

/**
 * Field names and value form of the {@code room:{id}:snapshot} hash: when the match ends, when
 * the snapshot was taken, under which grant, and one field per player, {@code p:<id>} =
 * {@code x,y,score,hits}.
 */
public final class SnapshotFields {

    /** When the match ends (epoch ms); a hash without it is no snapshot. */
    public static final String ENDS_AT = "ends_at";
    /** When the node took the snapshot (epoch ms). */
    public static final String TAKEN_AT = "taken_at";
    /**
     * The epoch of the grant its writer ran the room under: a write under an older grant is refused
     * ({@code snapshot_write.lua}), so a node that lost the room cannot overwrite the new owner's.
     */
    public static final String EPOCH = "epoch";
    /** Prefix of a player's field: {@code p:<player id>}. */
    public static final String PLAYER_PREFIX = "p:";

    /** A player's stored state, the value of {@code p:<id>}. */
    public record PlayerValue(double x, double y, int score, int hitsTaken) {

        /** The compact field value, {@code x,y,score,hits}. */
        public String encode() {
            return x + "," + y + "," + score + "," + hitsTaken;
        }

        /** Reads {@link #encode()}'s form back; null when the value is not of that form. */
        public static PlayerValue parse(String value) {
            String[] parts = value == null ? new String[0] : value.split(",", -1);
            if (parts.length != 4) {
                return null;
            }
            try {
                return new PlayerValue(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]),
                        Integer.parseInt(parts[2]), Integer.parseInt(parts[3]));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    private SnapshotFields() {}

    /** The field of a player: {@code p:<id>}. */
    public static String player(String playerId) {
        return PLAYER_PREFIX + playerId;
    }

    /** The player id of a {@code p:<id>} field, or null for any other field. */
    public static String playerIdOf(String field) {
        return field != null && field.startsWith(PLAYER_PREFIX) && field.length() > PLAYER_PREFIX.length()
                ? field.substring(PLAYER_PREFIX.length()) : null;
    }
}
