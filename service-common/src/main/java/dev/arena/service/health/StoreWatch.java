package dev.arena.service.health;

import dev.arena.service.config.RequestConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Tells a stalled store from a slow request: pings the store on a connection of its own every
 * {@code store-check-interval} and calls it stalled when a ping has no answer within
 * {@code store-stall-timeout} (or fails). While it is stalled, requests waiting on it are answered
 * 503 at once (BoundedWait) and readiness is DOWN; the first answered ping ends the stall.
 *
 * <p>The ping, its answer and its timeout all run on one event loop of the watch's own, and the
 * verdict waits one more turn of that loop after the timeout: a loop kept busy by a crowd reads an
 * answer that arrived meanwhile before it judges, so a busy service is never taken for a stalled
 * store; only a store that really did not answer is.
 */
public abstract class StoreWatch {

    private static final Logger LOG = Logger.getLogger(StoreWatch.class);

    private final Store store;
    private final Vertx vertx;
    private final RequestConfig config;
    /** Completes when the store is found stalled; replaced by a fresh one when it answers again. */
    private final AtomicReference<CompletableFuture<Void>> stall = new AtomicReference<>(new CompletableFuture<>());
    private Context context;
    private volatile boolean stopped;

    protected StoreWatch(Store store, Vertx vertx, RequestConfig config) {
        this.store = store;
        this.vertx = vertx;
        this.config = config;
    }

    /** Which store this watches. */
    public Store store() {
        return store;
    }

    /** Whether the store is stalled now. */
    public boolean stalled() {
        return stall.get().isDone();
    }

    /** Completes when the store is (or becomes) stalled; a waiting request races its answer against it. */
    public Uni<Void> whenStalled() {
        // A stage of its own: a waiter that gave up cancels it, never the shared one.
        return Uni.createFrom().completionStage(stall.get().thenApply(stalled -> stalled));
    }

    /**
     * Sends one ping on the watch's own connection (opening it first when there is none, dropping
     * it when the ping fails); called on the watch's event loop, so the connection lives there
     * too. Completes when answered; a ping is never abandoned, so a paused store that resumes
     * ends the stall with the answer to the ping it held.
     */
    protected abstract Future<?> ping();

    void start(@Observes StartupEvent event) {
        context = vertx.getOrCreateContext();
        context.runOnContext(ignored -> pingNow());
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
    }

    private void pingNow() {
        if (stopped) {
            return;
        }
        Future<?> answer;
        try {
            answer = ping();
        } catch (RuntimeException failure) {
            answer = Future.failedFuture(failure);
        }
        Future<?> pending = answer;
        long timeout = vertx.setTimer(config.storeStallTimeout().toMillis(),
                expired -> vertx.setTimer(1, nextTurn -> {
                    if (!pending.isComplete()) {
                        markStalled("no answer to a ping within " + config.storeStallTimeout());
                    }
                }));
        pending.onComplete(result -> {
            vertx.cancelTimer(timeout);
            if (result.succeeded()) {
                markAnswering();
            } else {
                markStalled(String.valueOf(result.cause().getMessage()));
            }
            vertx.setTimer(config.storeCheckInterval().toMillis(), next -> pingNow());
        });
    }

    private void markStalled(String reason) {
        if (stall.get().complete(null)) {
            LOG.warnf("%s is stalled (%s): requests that need it are answered 503 until it answers again",
                    store.label(), reason);
        }
    }

    private void markAnswering() {
        CompletableFuture<Void> current = stall.get();
        if (current.isDone() && stall.compareAndSet(current, new CompletableFuture<>())) {
            LOG.infof("%s answers again", store.label());
        }
    }
}
