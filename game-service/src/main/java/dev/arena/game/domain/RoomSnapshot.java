package dev.arena.game.domain;

import java.util.List;

/** Positions and scores of a running match at one moment, copied by the tick for the store writer (crash recovery). */
public record RoomSnapshot(String roomId, java.util.UUID matchId, long endsAt, long takenAt, List<PlayerState> players) {

    /** One player's stored state. */
    public record PlayerState(String playerId, double x, double y, int score, int hitsTaken) {

        /** The compact field value in {@code room:{id}:snapshot}: {@code x,y,score,hitsTaken}. */
        public String encode() {
            return x + "," + y + "," + score + "," + hitsTaken;
        }

        /** Reads {@link #encode()}'s form back; null when it is not of that form. */
        public static PlayerState decode(String playerId, String value) {
            String[] parts = value == null ? new String[0] : value.split(",");
            if (parts.length != 4) {
                return null;
            }
            try {
                return new PlayerState(playerId, Double.parseDouble(parts[0]), Double.parseDouble(parts[1]),
                        Integer.parseInt(parts[2]), Integer.parseInt(parts[3]));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
