package dev.arena.lobby.domain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The lobby's Micrometer meters: queue length, joins and leaves, connected lobby sockets. */
@ApplicationScoped
public class QueueMetrics {

    // Gauges read these; the status loop and the socket registry keep them current, so a scrape never waits on Redis.
    private final AtomicLong queueLength = new AtomicLong();
    private final AtomicInteger sockets = new AtomicInteger();
    private final Counter enqueued;
    private final Counter left;

    public QueueMetrics(MeterRegistry registry) {
        registry.gauge("arena.lobby.queue.length", queueLength);
        registry.gauge("arena.lobby.sockets", sockets);
        this.enqueued = Counter.builder("arena.lobby.enqueued").description("players who joined the queue").register(registry);
        this.left = Counter.builder("arena.lobby.left").description("players who left the queue or a waiting room").register(registry);
    }

    public void queueLength(long length) {
        queueLength.set(length);
    }

    public void sockets(int count) {
        sockets.set(count);
    }

    public void enqueued() {
        enqueued.increment();
    }

    public void left() {
        left.increment();
    }
}
