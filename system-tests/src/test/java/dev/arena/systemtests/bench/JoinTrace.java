package dev.arena.systemtests.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every latency of one measured run by when its join was sent, for finding what a tail lines up
 * with (a collection in a GC log, a status tick, a batch). Recording is two array stores per join
 * under an uncontended lock;
 * {@link #write} makes a CSV of {@code kind,sent_ms,latency_ms} rows (kind {@code answer} or
 * {@code room}) headed by the wall-clock time of the first join, to line it up with logs that
 * print the time of day; the result's timelines are the worst join per {@value #SLICE_MS} ms.
 */
final class JoinTrace {

    /** The timelines' resolution (ms of send time) and length (slices; later joins share the last). */
    static final int SLICE_MS = 250;
    private static final int SLICES = 240;

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

    /** Worst time to the room (ms) per slice of send time, keyed by the slice's start ("0.25 s"), for a run that sent for {@code seconds}. */
    Map<String, Double> worstRoomMillis(double seconds) {
        return rooms.worstBySlice(seconds);
    }

    /** As {@link #worstRoomMillis}, for the time to the answer. */
    Map<String, Double> worstAnswerMillis(double seconds) {
        return answers.worstBySlice(seconds);
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

    /**
     * Send offsets and latencies in microseconds, in the order they were recorded. Synchronized: the
     * generator's event loops record, the benchmark's thread reads once the run settled.
     */
    private static final class Series {
        private final long[] sentMicros;
        private final long[] latencyMicros;
        private int count;

        Series(int capacity) {
            sentMicros = new long[capacity];
            latencyMicros = new long[capacity];
        }

        synchronized void add(long sentAfterNanos, long micros) {
            if (count < sentMicros.length) {
                sentMicros[count] = sentAfterNanos / 1000;
                latencyMicros[count] = micros;
                count++;
            }
        }

        synchronized int size() {
            return count;
        }

        synchronized Map<String, Double> worstBySlice(double seconds) {
            long[] worst = new long[SLICES];
            for (int i = 0, n = size(); i < n; i++) {
                int slice = (int) Math.min(SLICES - 1, Math.max(0, sentMicros[i] / 1000 / SLICE_MS));
                worst[slice] = Math.max(worst[slice], latencyMicros[i]);
            }
            Map<String, Double> timeline = new LinkedHashMap<>();
            int slices = (int) Math.min(SLICES, Math.ceil(seconds * 1000 / SLICE_MS) + 1);
            for (int i = 0; i < slices; i++) {
                timeline.put(String.format("%.2f s", i * SLICE_MS / 1000.0), worst[i] / 1000.0);
            }
            return timeline;
        }

        synchronized void appendTo(StringBuilder csv, String kind) {
            for (int i = 0, n = size(); i < n; i++) {
                csv.append(kind).append(',').append(sentMicros[i] / 1000.0).append(',').append(latencyMicros[i] / 1000.0).append('\n');
            }
        }
    }
}
