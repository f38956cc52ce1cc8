package dev.arena.game.domain;

import dev.arena.model.protocol.Colors;
import java.util.List;
import java.util.UUID;

/**
 * What a finished match leaves behind, handed by the tick to the store writer: the match, each
 * member's result and the stream entry to acknowledge once it is stored.
 */
public record MatchResult(String roomId, UUID matchId, String handoffEntryId, long startedAt, long endedAt,
        String reason, List<String> members, List<PlayerResult> players) {

    /** One player who played (had a slot): final score, hits taken and last position. */
    public record PlayerResult(String playerId, String name, Colors colors, int score, int hitsTaken, double x, double y) {}
}
