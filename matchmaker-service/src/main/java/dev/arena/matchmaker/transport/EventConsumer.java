package dev.arena.matchmaker.transport;

import dev.arena.matchmaker.config.MatchmakerConfig;
import dev.arena.matchmaker.domain.EventBatch;
import dev.arena.matchmaker.domain.JoinHandler;
import dev.arena.matchmaker.domain.NodeReports;
import dev.arena.matchmaker.domain.RoomLifecycle;
import dev.arena.matchmaker.store.EventStreams;
import dev.arena.matchmaker.store.LuaScripts;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Reads join and leave events from {@code lobby:joins} and the game nodes' reports from
 * {@code game:events} as one consumer of the matchmakers' group, on a thread of its own (each read
 * blocks up to {@code read-block}). Each batch's reports are applied ({@link NodeReports}) while the
 * {@link JoinHandler} places its joins, in the same round trip; its rooms are then told and the
 * batch acknowledged on a second thread while the next batch is read and placed. Now and then it
 * takes over entries a dead matchmaker left pending. Survives Redis outages by retrying with a pause.
 *
 * <p>Two stages because each Redis round trip waits its turn on a busy machine (milliseconds,
 * not microseconds): one after the other, read, placement and two rounds
 * of notices made each turn of the loop four round trips long, and each batch waited for the
 * previous one's notices. The notices of one batch go out before the next batch's, so a member
 * never hears of an older room after a newer one.
 */
@ApplicationScoped
public class EventConsumer {

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final EventStreams stream;
    private final LuaScripts scripts;
    private final JoinHandler handler;
    private final NodeReports reports;
    private final MatchmakerConfig config;
    private final String consumer;
    private volatile boolean running;
    private Thread thread;
    private ExecutorService teller;
    /** The previous batch's notices and acknowledgement; only the reading thread touches it. */
    private CompletableFuture<Void> telling = CompletableFuture.completedFuture(null);

    public EventConsumer(EventStreams stream, LuaScripts scripts, JoinHandler handler, NodeReports reports, MatchmakerConfig config) {
        this.stream = stream;
        this.scripts = scripts;
        this.handler = handler;
        this.reports = reports;
        this.config = config;
        this.consumer = config.consumerName().orElseGet(EventConsumer::defaultName);
    }

    void start(@Observes StartupEvent event) {
        running = true;
        teller = Executors.newSingleThreadExecutor(task -> daemon(task, "matchmaker-notices"));
        thread = daemon(this::run, "matchmaker-joins");
        thread.start();
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (thread != null) {
            // the loop notices within one read-block; a batch in flight is placed, told and acknowledged
            thread.join(config.readBlock().plus(RoomLifecycle.REDIS_TIMEOUT).toMillis());
            teller.shutdown();
            teller.awaitTermination(2 * RoomLifecycle.REDIS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void run() {
        boolean ready = false;
        long nextClaim = 0;
        while (running) {
            try {
                if (!ready) {
                    scripts.load().await().atMost(RoomLifecycle.REDIS_TIMEOUT);
                    stream.createGroups().await().atMost(RoomLifecycle.REDIS_TIMEOUT);
                    ready = true;
                    LOG.infof("consuming join events and node reports as '%s'", consumer);
                }
                if (System.currentTimeMillis() >= nextClaim) {
                    process(stream.claimStale(consumer, config.claimTimeout(), config.batchSize())
                            .await().atMost(RoomLifecycle.REDIS_TIMEOUT));
                    nextClaim = System.currentTimeMillis() + config.claimTimeout().toMillis() / 2;
                }
                process(stream.read(consumer, config.batchSize(), config.readBlock())
                        .await().atMost(config.readBlock().plus(RoomLifecycle.REDIS_TIMEOUT)));
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                // Unacknowledged entries stay pending and are claimed again after the claim timeout.
                if (isGroupGone(e)) {
                    ready = false; // recreate at once: nothing is wrong with Redis itself
                } else {
                    LOG.warnf("join consumer: %s; retrying in %s", e.toString(), RETRY_PAUSE);
                    pause();
                }
            }
        }
    }

    private void process(EventBatch batch) {
        if (batch.isEmpty()) {
            return;
        }
        // Sent now, so the reports and the placement share a round trip.
        CompletableFuture<Void> applied = reports.apply(batch.reports()).subscribeAsCompletionStage();
        JoinHandler.Placement placement = handler.place(batch.joins());
        Uni.createFrom().completionStage(applied).await().atMost(RoomLifecycle.REDIS_TIMEOUT);
        reports.settle(batch.reports());
        telling.join(); // never fails: tell() reports its own failures
        telling = CompletableFuture.runAsync(() -> tell(placement, batch), teller);
    }

    private void tell(JoinHandler.Placement placement, EventBatch batch) {
        try {
            handler.tell(placement);
        } catch (RuntimeException e) {
            // The players are placed: the lobbies' presence round tells each the status they missed (docs/matchmaking.md).
            LOG.warnf("join consumer: room notices of a batch not sent: %s", e.toString());
        }
        // Not awaited: the next batch need not wait for it. An ack that is lost leaves the entries
        // pending; whoever claims them later finds the players placed (assign.lua: 'stale').
        stream.ack(batch).subscribe().with(acked -> {}, failure -> LOG.debugf("stream entries not acknowledged: %s", failure.getMessage()));
    }

    // The stream or group was deleted under us (Redis restarted empty, an operator cleaned up).
    private static boolean isGroupGone(Throwable e) {
        String message = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
        return message != null && (message.startsWith("NOGROUP") || message.startsWith("UNBLOCKED"));
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static String defaultName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "matchmaker";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
