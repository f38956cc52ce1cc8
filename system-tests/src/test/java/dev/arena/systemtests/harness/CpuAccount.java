package dev.arena.systemtests.harness;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time used so far by each part of a matchmaking stack (the services from /proc, Redis from
 * INFO cpu, this load generator from its own JVM), so that a run can be reported as CPU per
 * player: a ratio that holds on any machine, unlike throughput on a shared 2-core one.
 */
public final class CpuAccount {

    /** Linux reports process times in clock ticks of 1/100 s (sysconf(_SC_CLK_TCK) on every Linux target we run). */
    private static final double TICK_MS = 10;

    private CpuAccount() {}

    /** Milliseconds of CPU per part: each service by name, {@code redis}, {@code generator}. */
    public static Map<String, Double> snapshot(MatchmakingStack stack) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (ServiceProcess service : stack.services()) {
            out.put(service.name(), processMillis(service.pid()));
        }
        out.put("redis", redisMillis(stack.redis()));
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            out.put("generator", sun.getProcessCpuTime() / 1e6);
        }
        return out;
    }

    /** CPU microseconds per player between two snapshots, per part and in total for the server side (all but the generator). */
    public static Map<String, Double> microsPerPlayer(Map<String, Double> before, Map<String, Double> after, long players) {
        Map<String, Double> out = new LinkedHashMap<>();
        double server = 0;
        for (Map.Entry<String, Double> part : after.entrySet()) {
            Double earlier = before.get(part.getKey());
            if (earlier == null || players <= 0) {
                continue;
            }
            double micros = Math.round((part.getValue() - earlier) * 1000 / players * 10) / 10.0;
            out.put(part.getKey(), micros);
            if (!"generator".equals(part.getKey())) {
                server += micros;
            }
        }
        out.put("server", Math.round(server * 10) / 10.0);
        return out;
    }

    private static double processMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // Fields after the command name (which may hold spaces) start at ") ": utime and stime are fields 14 and 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * TICK_MS;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static double redisMillis(RedisClient redis) {
        double seconds = 0;
        for (String line : redis.string("INFO", "cpu").split("\r?\n")) {
            if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
                seconds += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return seconds * 1000;
    }
}
