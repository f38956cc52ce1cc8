package dev.arena.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What Linux' {@code /proc} says of other processes on this machine: the game node's resident
 * memory (per player) and the edge's CPU time (nginx's own cost per player).
 */
final class ProcessStats {

    private static final String RESIDENT = "VmRSS:";
    /** Clock ticks per second of {@code /proc/<pid>/stat}'s times (USER_HZ, 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100;
    // utime and stime are fields 14 and 15 of /proc/<pid>/stat; counted after the command's closing
    // parenthesis (the command may hold spaces), they are the 12th and 13th.
    private static final int UTIME_AFTER_COMMAND = 11;

    private ProcessStats() {}

    /** Resident bytes of process {@code pid}, or -1 when it cannot be read (no such process, not Linux, pid 0). */
    static long residentBytes(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(RESIDENT)) {
                    // "VmRSS:	  123456 kB"
                    String kilobytes = line.substring(RESIDENT.length()).replace("kB", "").strip();
                    return Long.parseLong(kilobytes) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Gone or unreadable: the step reports no memory figure.
        }
        return -1;
    }

    /** CPU seconds (user and system) the processes {@code pids} used so far; -1 when one cannot be read. */
    static double cpuSeconds(List<Long> pids) {
        double seconds = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                seconds += (Long.parseLong(fields[UTIME_AFTER_COMMAND]) + Long.parseLong(fields[UTIME_AFTER_COMMAND + 1]))
                        / TICKS_PER_SECOND;
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
        return seconds;
    }
}
