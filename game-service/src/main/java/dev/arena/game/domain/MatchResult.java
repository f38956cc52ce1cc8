package dev.arena.game.domain;

import dev.arena.model.protocol.Colors;
import java.util.List;
import java.util.UUID;

/**
 * What a finished match leaves behind, handed by the tick to the store writer: the match, each
 * member's result, the stream entry to acknowledge once it is stored and the grant's epoch its
 * end is reported with.
 */
public record MatchResult(String roomId, UUID matchId, String handoffEntryId, long epoch, long startedAt, long endedAt,
        String reason, List<String> members, List<PlayerResult> players) {

    /** One player who played (had a slot): final score, hits taken and last position. */
    public record PlayerResult(String playerId, String name, Colors colors, int score, int hitsTaken, double x, double y) {}
}
