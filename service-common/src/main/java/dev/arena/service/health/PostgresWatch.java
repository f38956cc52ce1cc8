package dev.arena.service.health;

import dev.arena.service.config.RequestConfig;
import io.quarkus.arc.properties.IfBuildProperty;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Watches PostgreSQL with a {@code SELECT 1} on a connection of its own, in the services that have
 * a database (see StoreWatch): a ping from the pool would wait behind a crowd's queries for a free
 * connection and call a busy database stalled.
 */
@Singleton
@IfBuildProperty(name = "quarkus.datasource.db-kind", stringValue = "postgresql")
public class PostgresWatch extends StoreWatch {

    private final Vertx vertx;
    private final PgConnectOptions options;
    private PgConnection connection;

    public PostgresWatch(Vertx vertx, RequestConfig config,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password", defaultValue = "") String password) {
        super(Store.POSTGRESQL, vertx, config);
        this.vertx = vertx;
        // The reactive URL as Quarkus takes it (postgresql://host:port/db), credentials beside it.
        this.options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""))
                .setUser(user).setPassword(password);
    }

    @Override
    protected Future<?> ping() {
        Future<PgConnection> open = connection != null ? Future.succeededFuture(connection)
                : PgConnection.connect(vertx, options).onSuccess(opened -> {
                    connection = opened;
                    opened.closeHandler(closed -> connection = null);
                });
        return open.compose(db -> db.query("SELECT 1").execute()).onFailure(failure -> {
            if (connection != null) {
                connection.close();
                connection = null;
            }
        });
    }
}
