package dev.arena.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What machine a result was measured on: cores, CPU model, memory, JDK and the generator's own cores. */
public final class Machine {

    private Machine() {}

    public static Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> cpuinfo = lines("/proc/cpuinfo");
        out.put("nproc", cpuinfo.stream().filter(l -> l.startsWith("processor")).count());
        out.put("cpu", cpuinfo.stream().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown"));
        out.put("memTotal", lines("/proc/meminfo").stream().filter(l -> l.startsWith("MemTotal:")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown"));
        out.put("java", System.getProperty("java.version"));
        out.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        out.put("generatorCpus", lines("/proc/self/status").stream().filter(l -> l.startsWith("Cpus_allowed_list:"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown"));
        return out;
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            return List.of();
        }
    }
}
