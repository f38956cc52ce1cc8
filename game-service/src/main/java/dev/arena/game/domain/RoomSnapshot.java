package dev.arena.game.domain;

import dev.arena.model.keys.SnapshotFields;
import java.util.List;
import java.util.UUID;

/**
 * Positions and scores of a running match at one moment, copied by the tick for the store writer
 * (crash recovery), with the epoch of the grant the node runs the room under.
 */
public record RoomSnapshot(String roomId, UUID matchId, long epoch, long endsAt, long takenAt, List<PlayerState> players) {

    /** One player's stored state. */
    public record PlayerState(String playerId, double x, double y, int score, int hitsTaken) {

        /** The value of the player's field in {@code room:{id}:snapshot} ({@link SnapshotFields.PlayerValue}). */
        public String encode() {
            return new SnapshotFields.PlayerValue(x, y, score, hitsTaken).encode();
        }

        /** Reads {@link #encode()}'s form back; null when it is not of that form. */
        public static PlayerState decode(String playerId, String value) {
            SnapshotFields.PlayerValue parsed = SnapshotFields.PlayerValue.parse(value);
            return parsed == null ? null
                    : new PlayerState(playerId, parsed.x(), parsed.y(), parsed.score(), parsed.hitsTaken());
        }
    }
}
