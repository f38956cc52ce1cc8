package dev.arena.matchmaker.transport;

import dev.arena.model.keys.RedisKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands.ReactiveRedisSubscriber;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Learns from Redis keyspace notifications that a room's {@code expiry} shadow key expired (its
 * wait or countdown is over) and hands the room to the {@link RoomSweeper}'s thread. Enables the
 * {@code Ex} notifications at start and subscribes on the database the client uses; retries
 * while Redis is unreachable and re-subscribes when the subscription ends.
 */
@ApplicationScoped
public class ExpiryListener {

    private static final Logger LOG = Logger.getLogger(ExpiryListener.class);
    private static final long RETRY_MILLIS = 1000;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    // Subscribing waits on Redis (up to TIMEOUT): on a thread of its own, so it never delays the
    // sweeper's room deadlines; expired rooms are still handed to the sweeper's thread.
    private final ScheduledExecutorService subscriptions = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "matchmaker-expiry");
        thread.setDaemon(true);
        return thread;
    });
    private static final String NOTIFY_FLAGS = "notify-keyspace-events";
    private static final Pattern DB = Pattern.compile("\\bdb=(\\d+)");

    private final ReactiveRedisDataSource dataSource;
    private final Redis redis;
    private final RedisKeys keys;
    private final RoomSweeper sweeper;
    private volatile boolean running;
    private volatile ReactiveRedisSubscriber subscriber;

    public ExpiryListener(ReactiveRedisDataSource dataSource, RedisKeys keys, RoomSweeper sweeper) {
        this.dataSource = dataSource;
        this.redis = dataSource.getRedis();
        this.keys = keys;
        this.sweeper = sweeper;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        subscriptions.execute(this::subscribe);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        subscriptions.shutdownNow();
        ReactiveRedisSubscriber current = subscriber;
        if (current != null) {
            current.unsubscribe().await().indefinitely();
        }
    }

    private void subscribe() {
        if (!running) {
            return;
        }
        try {
            enableNotifications();
            String channel = "__keyevent@" + database() + "__:expired";
            subscriber = dataSource.pubsub(String.class)
                    .subscribe(channel, this::expired, this::resubscribeLater, e -> resubscribeLater())
                    .await().atMost(TIMEOUT);
            LOG.infof("listening for room expiries on %s", channel);
        } catch (RuntimeException e) {
            LOG.warnf("cannot listen for room expiries yet (%s); the sweep covers them meanwhile", e.toString());
            resubscribeLater();
        }
    }

    private void resubscribeLater() {
        if (running) {
            subscriptions.schedule(this::subscribe, RETRY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void expired(String key) {
        keys.roomIdOfExpiryKey(key).ifPresent(sweeper::roomExpired);
    }

    // Adds E (keyevent) and x (expired) to whatever flags are set, so other users keep theirs.
    private void enableNotifications() {
        String flags = redis.send(Request.cmd(Command.CONFIG).arg("GET").arg(NOTIFY_FLAGS))
                .map(ExpiryListener::configValue)
                .await().atMost(TIMEOUT);
        boolean hasExpired = flags.contains("x") || flags.contains("A");
        if (!flags.contains("E") || !hasExpired) {
            String wanted = flags + (flags.contains("E") ? "" : "E") + (hasExpired ? "" : "x");
            redis.send(Request.cmd(Command.CONFIG).arg("SET").arg(NOTIFY_FLAGS).arg(wanted))
                    .await().atMost(TIMEOUT);
        }
    }

    // RESP2 answers [name, value], RESP3 a map {name: value}.
    private static String configValue(io.vertx.mutiny.redis.client.Response reply) {
        try {
            if (reply.containsKey(NOTIFY_FLAGS)) {
                return reply.get(NOTIFY_FLAGS).toString();
            }
        } catch (RuntimeException notAMap) {
            // an array reply: handled below
        }
        return reply.size() > 1 ? reply.get(1).toString() : "";
    }

    // The database this client's connections select (tests use 1): expired events are per database.
    private int database() {
        String info = redis.send(Request.cmd(Command.CLIENT).arg("INFO")).map(Object::toString)
                .onFailure().recoverWithItem("db=0").await().atMost(TIMEOUT);
        Matcher matcher = DB.matcher(info);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }
}
