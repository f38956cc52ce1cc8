package dev.arena.systemtests.abuse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the fuzzers saw, shared by their threads: a tally of answers by kind (for the summary), and
 * the problems, grouped by a signature so that one bug hit a thousand times is one line with its
 * first example and a count.
 */
public final class Findings {

    private final Map<String, LongAdder> tally = new ConcurrentHashMap<>();
    private final Map<String, Problem> problems = new LinkedHashMap<>();

    /** Examples kept per signature: enough to see whether one cause or several hide behind it. */
    private static final int EXAMPLES = 3;

    private static final class Problem {
        final List<String> examples = new ArrayList<>();
        long count;
    }

    /** Counts one occurrence of {@code key}, e.g. {@code "lobby err:malformed_json"}. */
    public void count(String key) {
        tally.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    /** A problem: {@code signature} groups repeats, {@code example} says what was sent and what came back. */
    public synchronized void problem(String signature, String example) {
        Problem problem = problems.computeIfAbsent(signature, s -> new Problem());
        problem.count++;
        if (problem.examples.size() < EXAMPLES) {
            problem.examples.add(example);
        }
    }

    public synchronized List<String> problems() {
        List<String> lines = new ArrayList<>();
        problems.forEach((signature, problem) -> lines.add(signature + " (" + problem.count + "x), e.g.\n      "
                + String.join("\n      ", problem.examples)));
        return lines;
    }

    /** The counts whose key starts with {@code prefix}, the prefix cut off, sorted by key. */
    public Map<String, Long> tally(String prefix) {
        Map<String, Long> counts = new TreeMap<>();
        tally.forEach((key, count) -> {
            if (key.startsWith(prefix)) {
                counts.put(key.substring(prefix.length()), count.sum());
            }
        });
        return counts;
    }

    public long total(String prefix) {
        return tally(prefix).values().stream().mapToLong(Long::longValue).sum();
    }
}
