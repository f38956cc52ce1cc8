package dev.arena.loadtest;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The generator's own CPU use, in cores (1.0 is one core busy), since the last sample and since a
 * mark: a generator near 1.0 on its one core measures itself, not the server.
 */
final class CpuMeter {

    private final com.sun.management.OperatingSystemMXBean os;
    private long sampledCpu;
    private long sampledAt;
    private long markedCpu;
    private long markedAt;

    CpuMeter() {
        OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
        this.os = bean instanceof com.sun.management.OperatingSystemMXBean sun ? sun : null;
        sampledCpu = markedCpu = cpuNanos();
        sampledAt = markedAt = System.nanoTime();
    }

    /** Cores used since the previous sample. */
    double takeSample() {
        long cpu = cpuNanos();
        long now = System.nanoTime();
        double cores = cores(cpu - sampledCpu, now - sampledAt);
        sampledCpu = cpu;
        sampledAt = now;
        return cores;
    }

    void mark() {
        markedCpu = cpuNanos();
        markedAt = System.nanoTime();
    }

    /** Cores used since {@link #mark()}. */
    double sinceMark() {
        return cores(cpuNanos() - markedCpu, System.nanoTime() - markedAt);
    }

    private long cpuNanos() {
        return os == null ? 0 : Math.max(0, os.getProcessCpuTime());
    }

    private static double cores(long cpuNanos, long wallNanos) {
        return wallNanos <= 0 ? 0 : Math.round(1000.0 * cpuNanos / wallNanos) / 1000.0;
    }
}
