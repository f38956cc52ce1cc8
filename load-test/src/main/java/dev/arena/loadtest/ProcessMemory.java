package dev.arena.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The resident memory of a process on this machine (Linux' {@code /proc/<pid>/status}), for the node's memory per player. */
final class ProcessMemory {

    private static final String RESIDENT = "VmRSS:";

    private ProcessMemory() {}

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
}
