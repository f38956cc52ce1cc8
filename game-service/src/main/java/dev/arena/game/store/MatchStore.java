package dev.arena.game.store;

import dev.arena.game.domain.MatchResult;
import dev.arena.game.domain.RoomSnapshot;
import dev.arena.model.protocol.Colors;
import dev.arena.model.protocol.PlayerInfo;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Matches in PostgreSQL, the source of truth: the match row, each player's part (with the
 * aggregated position batches used when Redis lost a snapshot) and the leaderboard totals.
 * Player ids that are not UUIDs (never issued by the lobby) are left out.
 */
@ApplicationScoped
public class MatchStore {

    private static final Pattern COLOR = Pattern.compile("^#[0-9a-f]{6}$");
    private static final int MAX_NAME = 20;

    // The lobby creates players; a game node is defensive and adds a missing one.
    private static final String ADD_PLAYER = """
            INSERT INTO players (id, name, primary_color, secondary_color) VALUES ($1, $2, $3, $4)
            ON CONFLICT (id) DO NOTHING""";

    // A takeover records the match again under its newer grant: the new owner and epoch replace the old.
    private static final String START_MATCH = """
            INSERT INTO matches (id, room_id, node_id, started_at, epoch) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (id) DO UPDATE SET node_id = EXCLUDED.node_id, epoch = EXCLUDED.epoch
            WHERE matches.epoch < EXCLUDED.epoch""";

    // Returns a row only the first time a match ends: a node that restarts after storing a
    // result but before cleaning Redis must not count the scores twice.
    private static final String END_MATCH = """
            INSERT INTO matches (id, room_id, node_id, started_at, ended_at, end_reason) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (id) DO UPDATE SET ended_at = EXCLUDED.ended_at, end_reason = EXCLUDED.end_reason, node_id = EXCLUDED.node_id
            WHERE matches.ended_at IS NULL
            RETURNING id""";

    private static final String CALL_OFF = """
            UPDATE matches SET ended_at = $2, end_reason = $3 WHERE id = $1 AND ended_at IS NULL""";

    private static final String PLAYER_STATE = """
            INSERT INTO match_players (match_id, player_id, score, hits_taken, x, y, position_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (match_id, player_id) DO UPDATE SET score = EXCLUDED.score, hits_taken = EXCLUDED.hits_taken,
                x = EXCLUDED.x, y = EXCLUDED.y, position_at = EXCLUDED.position_at""";

    // A position batch lands only under a grant at least as recent as the match's (fenced like the
    // Redis snapshot): a node that lost the match while paused writes nothing when it wakes.
    private static final String POSITIONS_UNDER_GRANT = """
            INSERT INTO match_players (match_id, player_id, score, hits_taken, x, y, position_at)
            SELECT id, $2::uuid, $3::int, $4::int, $5::real, $6::real, $7::timestamptz FROM matches
            WHERE id = $1::uuid AND epoch <= $8::bigint
            ON CONFLICT (match_id, player_id) DO UPDATE SET score = EXCLUDED.score, hits_taken = EXCLUDED.hits_taken,
                x = EXCLUDED.x, y = EXCLUDED.y, position_at = EXCLUDED.position_at""";

    private static final String ADD_TO_LEADERBOARD = """
            INSERT INTO leaderboard (player_id, total_score, matches_played) VALUES ($1, $2, 1)
            ON CONFLICT (player_id) DO UPDATE SET total_score = leaderboard.total_score + EXCLUDED.total_score,
                matches_played = leaderboard.matches_played + 1, updated_at = now()""";

    private static final String POSITIONS = """
            SELECT player_id, x, y, score, hits_taken FROM match_players WHERE match_id = $1 AND x IS NOT NULL""";

    private final Pool pool;

    public MatchStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * The match row and its players, so position batches have something to refer to; under grant
     * {@code epoch}, which a takeover raises (the row then names the new owner).
     */
    public Uni<Void> started(UUID matchId, String roomId, String nodeId, long startedAt, long epoch, List<PlayerInfo> roster) {
        return pool.withTransaction(tx -> addPlayers(tx, roster)
                .chain(() -> tx.preparedQuery(START_MATCH).execute(Tuple.of(matchId, roomId, nodeId, time(startedAt), epoch)))
                .replaceWithVoid());
    }

    /**
     * One batch of positions and scores (the slow cadence of the crash fallback), written only
     * while the snapshot's grant is not older than the match's (a lost match writes nothing).
     */
    public Uni<Void> positions(RoomSnapshot snapshot) {
        List<Tuple> rows = new ArrayList<>();
        for (RoomSnapshot.PlayerState p : snapshot.players()) {
            uuid(p.playerId()).ifPresent(id -> rows.add(Tuple.from(List.of(snapshot.matchId(), id, p.score(), p.hitsTaken(),
                    (float) p.x(), (float) p.y(), time(snapshot.takenAt()), snapshot.epoch()))));
        }
        return rows.isEmpty() ? Uni.createFrom().voidItem()
                : pool.preparedQuery(POSITIONS_UNDER_GRANT).executeBatch(rows).replaceWithVoid();
    }

    /** The stored positions of a match, for a restore when Redis lost its snapshot. */
    public Uni<List<RoomSnapshot.PlayerState>> lastPositions(UUID matchId) {
        return pool.preparedQuery(POSITIONS).execute(Tuple.of(matchId)).map(rows -> {
            List<RoomSnapshot.PlayerState> states = new ArrayList<>();
            for (Row row : rows) {
                states.add(new RoomSnapshot.PlayerState(row.getUUID("player_id").toString(), row.getDouble("x"),
                        row.getDouble("y"), row.getInteger("score"), row.getInteger("hits_taken")));
            }
            return states;
        });
    }

    /**
     * Stores the end of a match in one transaction: the match, each player's result and their
     * leaderboard totals. Returns false when this match had ended before (nothing is counted again).
     */
    public Uni<Boolean> ended(MatchResult result, String nodeId, List<PlayerInfo> roster) {
        return pool.withTransaction(tx -> addPlayers(tx, roster)
                .chain(() -> tx.preparedQuery(END_MATCH).execute(Tuple.from(List.of(result.matchId(), result.roomId(), nodeId,
                        time(result.startedAt()), time(result.endedAt()), result.reason()))))
                .chain(rows -> rows.size() == 0 ? Uni.createFrom().item(false) : results(tx, result).replaceWith(true)));
    }

    /** Closes a match that was called off: it ends without results or leaderboard totals. */
    public Uni<Void> calledOff(UUID matchId, long at, String reason) {
        return pool.preparedQuery(CALL_OFF).execute(Tuple.of(matchId, time(at), reason)).replaceWithVoid();
    }

    private Uni<Void> results(SqlClient tx, MatchResult result) {
        List<Tuple> states = new ArrayList<>();
        List<Tuple> totals = new ArrayList<>();
        for (MatchResult.PlayerResult p : result.players()) {
            uuid(p.playerId()).ifPresent(id -> {
                states.add(Tuple.from(List.of(result.matchId(), id, p.score(), p.hitsTaken(), (float) p.x(), (float) p.y(),
                        time(result.endedAt()))));
                totals.add(Tuple.of(id, (long) p.score()));
            });
        }
        if (states.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(PLAYER_STATE).executeBatch(states)
                .chain(() -> tx.preparedQuery(ADD_TO_LEADERBOARD).executeBatch(totals))
                .replaceWithVoid();
    }

    private Uni<Void> addPlayers(SqlClient tx, List<PlayerInfo> roster) {
        List<Tuple> rows = new ArrayList<>();
        for (PlayerInfo player : roster) {
            uuid(player.id()).ifPresent(id -> rows.add(Tuple.of(id, name(player.name()),
                    color(player.colors(), true), color(player.colors(), false))));
        }
        return rows.isEmpty() ? Uni.createFrom().voidItem() : tx.preparedQuery(ADD_PLAYER).executeBatch(rows).replaceWithVoid();
    }

    private static String name(String name) {
        return name.codePointCount(0, name.length()) <= MAX_NAME ? name
                : name.substring(0, name.offsetByCodePoints(0, MAX_NAME));
    }

    private static String color(Colors colors, boolean primary) {
        String value = colors == null ? null : primary ? colors.primary() : colors.secondary();
        String lower = value == null ? "" : value.toLowerCase(Locale.ROOT);
        return COLOR.matcher(lower).matches() ? lower : "#888888";
    }

    private static Optional<UUID> uuid(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static OffsetDateTime time(long epochMs) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMs), ZoneOffset.UTC);
    }
}
