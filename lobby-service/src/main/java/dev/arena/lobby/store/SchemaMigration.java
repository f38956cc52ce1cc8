package dev.arena.lobby.store;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;

/**
 * Applies the shared schema migrations (service-common, {@code db/migration}) at start over plain
 * JDBC connections that are closed once done; the lobby's queries use the reactive client. A lobby
 * that cannot migrate does not start. Not quarkus-flyway: it needs Agroal, and Agroal brings
 * narayana-jta, whose transaction context every reactive stage then captures: about a third more
 * lobby CPU per join, on the path that must take thousands of joins a second.
 */
@ApplicationScoped
public class SchemaMigration {

    private final String url;
    private final String user;
    private final Optional<String> password;

    public SchemaMigration(@ConfigProperty(name = "arena.db.migration-url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void migrate(@Observes StartupEvent event) {
        // Flyway logs what it applied; the class loader is the application's, which sees service-common's files.
        Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(url, user, password.orElse(""))
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }
}
