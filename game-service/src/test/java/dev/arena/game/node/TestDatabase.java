package dev.arena.game.node;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;

/**
 * The tests' PostgreSQL, reached before the service under test starts (to leave rows as a dead
 * node would): the same database and credentials as the test profile of application.properties,
 * with the schema migrated as the service itself would at start.
 */
final class TestDatabase {

    private TestDatabase() {}

    /** A JDBC connection to the migrated test database. */
    static Connection open() throws SQLException {
        String url = "jdbc:postgresql://" + env("ARENA_DB_HOST", "127.0.0.1") + ":" + env("ARENA_DB_PORT", "5432") + "/"
                + env("ARENA_TEST_DB_NAME", "arena_test");
        String user = env("ARENA_DB_USER", "arena");
        String password = env("ARENA_DB_PASSWORD", "");
        // The schema may not exist yet when this class's tests run first; Flyway's lock makes a concurrent migration wait.
        Flyway.configure().dataSource(url, user, password).load().migrate();
        return DriverManager.getConnection(url, user, password);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
