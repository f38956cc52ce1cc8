package dev.arena.lobby.store;

import dev.arena.model.protocol.Colors;
import dev.arena.model.protocol.PlayerInfo;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The players table: guest identities that outlive Redis. */
@ApplicationScoped
public class PlayerStore {

    // One round trip: insert a new player, or touch an existing one and change only what was asked.
    private static final String UPSERT = """
            INSERT INTO players (id, name, primary_color, secondary_color)
            VALUES ($1, $2, $3, $4)
            ON CONFLICT (id) DO UPDATE SET
                name = COALESCE($5, players.name),
                primary_color = COALESCE($6, players.primary_color),
                secondary_color = COALESCE($7, players.secondary_color),
                last_seen_at = now()
            RETURNING id, name, primary_color, secondary_color""";

    private static final String FIND = "SELECT id, name, primary_color, secondary_color FROM players WHERE id = $1";

    // Names starting with the prefix, whatever the case (players_name_idx); the prefix's own % and _ are escaped.
    private static final String BY_NAME = """
            SELECT id, name, primary_color, secondary_color FROM players
            WHERE lower(name) LIKE lower($1) || '%' ESCAPE '\\'
            ORDER BY lower(name), id LIMIT $2""";

    private final Pool pool;

    public PlayerStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Creates the player with {@code initial} values, or updates an existing one with the
     * non-null parts of {@code requested}.
     */
    public Uni<PlayerInfo> upsert(UUID id, PlayerInfo initial, String requestedName, Colors requestedColors) {
        Tuple args = Tuple.tuple()
                .addUUID(id)
                .addString(initial.name())
                .addString(initial.colors().primary())
                .addString(initial.colors().secondary())
                .addString(requestedName)
                .addString(requestedColors == null ? null : requestedColors.primary())
                .addString(requestedColors == null ? null : requestedColors.secondary());
        return pool.preparedQuery(UPSERT).execute(args).map(rows -> toPlayer(rows.iterator().next()));
    }

    public Uni<Optional<PlayerInfo>> find(UUID id) {
        return pool.preparedQuery(FIND).execute(Tuple.of(id)).map(PlayerStore::first);
    }

    /** Up to {@code limit} players whose name starts with {@code prefix}, ignoring case, by name. */
    public Uni<List<PlayerInfo>> findByNamePrefix(String prefix, int limit) {
        String escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return pool.preparedQuery(BY_NAME).execute(Tuple.of(escaped, limit)).map(rows -> {
            List<PlayerInfo> players = new ArrayList<>(rows.size());
            rows.forEach(row -> players.add(toPlayer(row)));
            return players;
        });
    }

    private static Optional<PlayerInfo> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(toPlayer(rows.iterator().next()));
    }

    private static PlayerInfo toPlayer(Row row) {
        return new PlayerInfo(
                row.getUUID("id").toString(),
                row.getString("name"),
                new Colors(row.getString("primary_color"), row.getString("secondary_color")));
    }
}
