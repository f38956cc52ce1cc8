package dev.arena.systemtests.abuse;

import java.time.Duration;

/** The schedule both socket fuzzers keep: a step every {@code pace} until the end, and one flood once its time has come. */
final class FuzzRounds {

    /** One thing a fuzzer sends. */
    interface Round {
        void send() throws Exception;
    }

    private FuzzRounds() {}

    static void run(long untilNanos, long floodAtNanos, Duration pace, Round step, Round flood) throws Exception {
        boolean flooded = false;
        while (System.nanoTime() < untilNanos) {
            if (!flooded && System.nanoTime() >= floodAtNanos) {
                flood.send();
                flooded = true;
                continue;
            }
            step.send();
            Thread.sleep(pace.toMillis());
        }
    }
}
