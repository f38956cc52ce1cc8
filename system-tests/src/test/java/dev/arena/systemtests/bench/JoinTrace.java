package dev.arena.systemtests.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every latency of one measured run by when its join was sent, for finding what a tail lines up
 * with (a collection in a GC log, a status tick, a batch): the timelines keep only the worst join
 * per 250 ms. Recording is two array stores per join; {@link #write} makes a CSV of
 * {@code kind,sent_ms,latency_ms} rows (kind {@code answer} or {@code room}) headed by the
 * wall-clock time of the first join, to line it up with logs that print the time of day.
 */
final class JoinTrace {

    private final Series answers;
    private final Series rooms;

    JoinTrace(int players) {
        answers = new Series(players);
        rooms = new Series(players);
    }

    void answer(long sentAfterNanos, long micros) {
        answers.add(sentAfterNanos, micros);
    }

    void room(long sentAfterNanos, long micros) {
        rooms.add(sentAfterNanos, micros);
    }

    /** Writes the trace; {@code firstSentAtMillis} is the wall-clock time of the run's first join. */
    void write(Path file, long firstSentAtMillis) throws IOException {
        StringBuilder csv = new StringBuilder(64 * (answers.size() + rooms.size()));
        csv.append("# first join sent at ").append(Instant.ofEpochMilli(firstSentAtMillis)).append('\n');
        csv.append("kind,sent_ms,latency_ms\n");
        answers.appendTo(csv, "answer");
        rooms.appendTo(csv, "room");
        Files.writeString(file, csv);
    }

    /** Send offsets and latencies in microseconds, in the order they were recorded. */
    private static final class Series {
        private final long[] sentMicros;
        private final long[] latencyMicros;
        private final AtomicInteger count = new AtomicInteger();

        Series(int capacity) {
            sentMicros = new long[capacity];
            latencyMicros = new long[capacity];
        }

        void add(long sentAfterNanos, long micros) {
            int i = count.getAndIncrement();
            if (i < sentMicros.length) {
                sentMicros[i] = sentAfterNanos / 1000;
                latencyMicros[i] = micros;
            }
        }

        int size() {
            return Math.min(count.get(), sentMicros.length);
        }

        void appendTo(StringBuilder csv, String kind) {
            for (int i = 0, n = size(); i < n; i++) {
                csv.append(kind).append(',').append(sentMicros[i] / 1000.0).append(',').append(latencyMicros[i] / 1000.0).append('\n');
            }
        }
    }
}
