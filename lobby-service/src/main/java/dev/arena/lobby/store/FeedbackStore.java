package dev.arena.lobby.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The feedback table: what players tell us, newest first for operators. */
@ApplicationScoped
public class FeedbackStore {

    /** One stored row. */
    public record FeedbackRow(long id, String playerId, int rating, String message, String contact,
            String clientIp, OffsetDateTime createdAt) {}

    // A player id that is not (or no longer) in players is stored as null rather than failing the post.
    private static final String INSERT = """
            INSERT INTO feedback (player_id, rating, message, contact, client_ip)
            VALUES ((SELECT id FROM players WHERE id = $1), $2, $3, $4, $5::text::inet)
            RETURNING id, created_at""";

    private static final String PAGE = """
            SELECT id, player_id, rating, message, contact, host(client_ip) AS client_ip, created_at
            FROM feedback WHERE ($1::bigint IS NULL OR id < $1) ORDER BY id DESC LIMIT $2""";

    private final Pool pool;

    public FeedbackStore(Pool pool) {
        this.pool = pool;
    }

    /** Stores one post and returns its id. */
    public Uni<Long> insert(UUID playerId, int rating, String message, String contact, String clientIp) {
        Tuple args = Tuple.tuple().addUUID(playerId).addInteger(rating).addString(message)
                .addString(contact).addString(clientIp);
        return pool.preparedQuery(INSERT).execute(args).map(rows -> rows.iterator().next().getLong("id"));
    }

    /**
     * Up to {@code limit} rows, newest first, older than the row {@code before} (null: from the newest).
     * Ids grow with time (bigserial), so the id is the cursor: stable while new rows arrive.
     */
    public Uni<List<FeedbackRow>> page(Long before, int limit) {
        return pool.preparedQuery(PAGE).execute(Tuple.of(before, limit)).map(rows -> {
            List<FeedbackRow> out = new ArrayList<>(rows.size());
            for (Row row : rows) {
                UUID player = row.getUUID("player_id");
                out.add(new FeedbackRow(row.getLong("id"), player == null ? null : player.toString(),
                        row.getInteger("rating"), row.getString("message"), row.getString("contact"),
                        row.getString("client_ip"), row.getOffsetDateTime("created_at")));
            }
            return out;
        });
    }
}
