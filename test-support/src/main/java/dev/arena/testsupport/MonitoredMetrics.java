package dev.arena.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names the shipped Grafana dashboard and Prometheus alert rules
 * ({@code k8s/base/monitoring/}) read, so each service's tests can check it exports the ones
 * that are its own: a renamed meter must not leave a blank panel or an alert that never fires.
 */
public final class MonitoredMetrics {

    /** The monitoring files, relative to the repository's root. */
    public static final Path DASHBOARD = Path.of("k8s/base/monitoring/arena-dashboard.json");
    public static final Path ALERTS = Path.of("k8s/base/monitoring/arena-alerts.yml");

    // The families the services export; Prometheus' own series (up, ...) are not on /q/metrics.
    private static final Pattern NAME = Pattern.compile("\\b((?:arena|jvm|process)_[a-z0-9_]+)");

    private MonitoredMetrics() {}

    /** The metric names of both files that start with one of {@code prefixes}. */
    public static Set<String> startingWith(String... prefixes) {
        Set<String> names = new TreeSet<>();
        for (Path file : new Path[] {DASHBOARD, ALERTS}) {
            Matcher matcher = NAME.matcher(read(file));
            while (matcher.find()) {
                String name = matcher.group(1);
                for (String prefix : prefixes) {
                    if (name.startsWith(prefix)) {
                        names.add(name);
                    }
                }
            }
        }
        return names;
    }

    /**
     * Asserts that the Prometheus exposition {@code scrape} of a service carries every metric the
     * files name with its own {@code prefix}, plus the stores', JVM's and process's every service has.
     */
    public static void assertExported(String scrape, String prefix) {
        Set<String> monitored = startingWith(prefix, "arena_store_", "jvm_", "process_");
        assertFalse(monitored.stream().noneMatch(name -> name.startsWith(prefix)), "the monitoring files name no " + prefix + " metric");
        assertEquals(Set.of(), missingFrom(scrape, monitored), "named in k8s/base/monitoring, not exported");
    }

    /** The names of {@code expected} that no sample of the Prometheus exposition {@code scrape} carries. */
    public static Set<String> missingFrom(String scrape, Set<String> expected) {
        Set<String> missing = new TreeSet<>();
        for (String name : expected) {
            if (!Pattern.compile("(?m)^" + Pattern.quote(name) + "[{ ]").matcher(scrape).find()) {
                missing.add(name);
            }
        }
        return missing;
    }

    private static String read(Path relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(relative))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
        }
        try {
            return Files.readString(dir.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
