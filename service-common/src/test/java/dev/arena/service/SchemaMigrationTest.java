package dev.arena.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The versioned migrations build the whole schema on an empty database, with its constraints. */
class SchemaMigrationTest {

    private static final String HOST = env("ARENA_DB_HOST", "127.0.0.1");
    private static final String PORT = env("ARENA_DB_PORT", "5432");
    private static final String USER = env("ARENA_DB_USER", "arena");
    private static final String PASSWORD = env("ARENA_DB_PASSWORD", "");

    private final String database = "arena_migration_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @BeforeEach
    void createEmptyDatabase() throws SQLException {
        try (Connection admin = connect("postgres"); Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + database);
        }
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        try (Connection admin = connect("postgres"); Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    @Test
    void migrationsApplyToAnEmptyDatabase() throws SQLException {
        var result = Flyway.configure()
                .dataSource(url(database), USER, PASSWORD)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        assertEquals(true, result.success);

        try (Connection db = connect(database); Statement sql = db.createStatement()) {
            assertEquals(List.of("feedback", "leaderboard", "match_players", "matches", "players"), tables(sql));
            sql.execute("INSERT INTO players (id, name, primary_color, secondary_color) "
                    + "VALUES ('" + UUID.randomUUID() + "', 'Ann', '#aabbcc', '#112233')");
            assertThrows(SQLException.class, () -> sql.execute(
                    "INSERT INTO feedback (rating, message) VALUES (6, 'too good')"));
        }

        var again = Flyway.configure().dataSource(url(database), USER, PASSWORD).load().migrate();
        assertEquals(0, again.migrationsExecuted, "a second run applies nothing");
    }

    private static List<String> tables(Statement sql) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                + "AND tablename <> 'flyway_schema_history' ORDER BY tablename")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(url(db), USER, PASSWORD);
    }

    private static String url(String db) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + db;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
