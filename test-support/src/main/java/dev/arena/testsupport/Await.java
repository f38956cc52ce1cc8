package dev.arena.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits in tests for something another thread or process does, polling, bounded by a timeout. */
public final class Await {

    private static final long POLL_MS = 20;

    private Await() {}

    /** Returns once {@code condition} holds; fails with "timed out waiting for {@code what}" after {@code timeout}. */
    public static void until(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    /** Runs {@code action} and fails unless it returned within {@code bound}: an answer that must come in bounded time. */
    public static void within(Duration bound, String what, Runnable action) {
        long began = System.nanoTime();
        action.run();
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        if (took.compareTo(bound) > 0) {
            throw new AssertionError(what + " answered after " + took.toMillis() + " ms, bound " + bound.toMillis() + " ms");
        }
    }
}
