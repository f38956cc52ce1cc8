package dev.arena.systemtests.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where Redis' time goes, by Lua script and command, during a window of a benchmark run: Redis'
 * slow log with a threshold of 0 µs records every command with its duration (wall time inside
 * Redis, so a command during which Redis lost its core counts long). The commands a script calls
 * are left out: the script's own entry covers them. Recording every command costs Redis time, so
 * a run that takes this is not one to read latencies from.
 */
public final class RedisCommandCosts {

    /** Room for a second of commands at 5,000 joins/s (about 50 entries per join with the scripts' own calls). */
    private static final String MAX_ENTRIES = "1000000";
    /** This recorder's own commands, left out. */
    private static final Set<String> OWN_COMMANDS = Set.of("CONFIG", "SLOWLOG");
    /** The client address Redis gives the commands a Lua script runs. */
    private static final String FROM_A_SCRIPT = "?:0";

    private final RedisClient redis;
    private final Map<String, String> scriptNames;
    private String threshold;
    private String maxLength;
    private boolean stopped;

    private RedisCommandCosts(RedisClient redis, Map<String, String> scriptNames) {
        this.redis = redis;
        this.scriptNames = scriptNames;
    }

    /** A recorder on its own connection to {@code url}; nothing is recorded before {@link #start()}. */
    public static RedisCommandCosts on(String url) {
        return new RedisCommandCosts(new RedisClient(url), scriptNamesBySha());
    }

    /** Starts recording every command (the slow log is emptied first; its settings are kept to put back). */
    public synchronized void start() {
        if (stopped) {
            return; // started late, after the window: nothing to record
        }
        threshold = (String) redis.list("CONFIG", "GET", "slowlog-log-slower-than").get(1);
        maxLength = (String) redis.list("CONFIG", "GET", "slowlog-max-len").get(1);
        redis.call("CONFIG", "SET", "slowlog-max-len", MAX_ENTRIES);
        redis.call("SLOWLOG", "RESET");
        redis.call("CONFIG", "SET", "slowlog-log-slower-than", "0");
    }

    /** Stops recording: the slow log's own settings are back; what it holds stays for {@link #collect}. */
    public synchronized void stop() {
        stopped = true;
        if (threshold != null) {
            redis.call("CONFIG", "SET", "slowlog-log-slower-than", threshold);
        }
    }

    /**
     * What was recorded, per script (by file name) or command, most time first: calls, total ms,
     * mean and median µs per call, and µs per player for {@code players} joins in the window.
     * Empties the slow log and closes the connection.
     */
    public synchronized Map<String, Map<String, Object>> collect(double players) {
        Map<String, List<Long>> durations = new HashMap<>();
        for (Object item : redis.list("SLOWLOG", "GET", MAX_ENTRIES)) {
            List<?> entry = (List<?>) item;
            List<?> args = (List<?>) entry.get(3);
            if (entry.size() > 4 && FROM_A_SCRIPT.equals(entry.get(4)) || args.isEmpty()) {
                continue;
            }
            String command = ((String) args.get(0)).toUpperCase();
            if (OWN_COMMANDS.contains(command)) {
                continue;
            }
            String name = command.equals("EVALSHA") && args.size() > 1
                    ? scriptNames.getOrDefault((String) args.get(1), "EVALSHA " + args.get(1))
                    : command;
            durations.computeIfAbsent(name, n -> new ArrayList<>()).add((Long) entry.get(2));
        }
        redis.call("SLOWLOG", "RESET");
        if (maxLength != null) {
            redis.call("CONFIG", "SET", "slowlog-max-len", maxLength);
        }
        redis.close();

        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        durations.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), row(e.getValue(), players)))
                .sorted((a, b) -> Double.compare((Double) b.getValue().get("totalMs"), (Double) a.getValue().get("totalMs")))
                .forEach(e -> rows.put(e.getKey(), e.getValue()));
        return rows;
    }

    private static Map<String, Object> row(List<Long> durations, double players) {
        List<Long> calls = durations.stream().sorted().toList();
        long total = calls.stream().mapToLong(Long::longValue).sum();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("calls", calls.size());
        row.put("totalMs", total / 1000.0);
        row.put("meanMicros", Math.round(10.0 * total / calls.size()) / 10.0);
        row.put("medianMicros", calls.get(calls.size() / 2));
        row.put("microsPerPlayer", Math.round(10.0 * total / Math.max(1, players)) / 10.0);
        return row;
    }

    /**
     * The SHA-1 of every service's Lua script as EVALSHA names it: the shared prelude, a newline,
     * then the script, as service-common's LuaScript builds it; the script alone, as the
     * benchmark's {@code redis} path loads enqueue.lua; and the stand-in game node's script.
     */
    private static Map<String, String> scriptNamesBySha() {
        Path repo = MatchmakingStack.repo();
        Map<String, String> names = new HashMap<>();
        try (Stream<Path> files = Files.walk(repo, 6)) {
            String prelude = Files.readString(repo.resolve("service-common/src/main/resources/lua/prelude.lua"));
            for (Path script : files.filter(p -> p.toString().endsWith(".lua") && p.toString().contains("src/main/resources/lua/")).toList()) {
                String source = Files.readString(script);
                names.put(sha1(prelude + "\n" + source), script.getFileName().toString());
                names.put(sha1(source), script.getFileName().toString() + " (without the prelude)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
