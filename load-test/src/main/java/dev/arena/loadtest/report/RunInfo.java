package dev.arena.loadtest.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The run metadata shown above the tables: date, machine, pinning and command, merged over the result files. */
record RunInfo(String date, String machine, String pinning, String command) {

    private static final Pattern DATE = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2})");
    private static final Pattern KILOBYTES = Pattern.compile("^(\\d+)\\s*kB$");

    /**
     * From the {@code run} objects of the result files, keyed by scenario in display order. A field
     * with the same value in every file shows once; differing values show per scenario.
     */
    static RunInfo of(Map<String, JsonNode> runs, LocalDate today) {
        String date = null;
        for (JsonNode run : runs.values()) {
            String startedAt = Fields.text(run, "startedAt");
            Matcher m = startedAt == null ? null : DATE.matcher(startedAt);
            if (m != null && m.find()) {
                date = m.group(1);
                break;
            }
        }
        return new RunInfo(
                date != null ? date : today.toString(),
                merged(runs, RunInfo::machine),
                merged(runs, run -> Fields.text(run, "pinning")),
                merged(runs, run -> {
                    String command = Fields.text(run, "command");
                    return command == null ? null : "`" + command + "`";
                }));
    }

    private static String merged(Map<String, JsonNode> runs, Function<JsonNode, String> field) {
        Map<String, String> values = new LinkedHashMap<>();
        runs.forEach((scenario, run) -> {
            String value = field.apply(run);
            if (value != null) {
                values.put(scenario, value);
            }
        });
        if (values.isEmpty()) {
            return Fmt.MISSING;
        }
        if (new LinkedHashSet<>(values.values()).size() == 1) {
            return values.values().iterator().next();
        }
        List<String> parts = new ArrayList<>();
        values.forEach((scenario, value) -> parts.add(scenario + ": " + value));
        return String.join("; ", parts);
    }

    private static String machine(JsonNode run) {
        JsonNode machine = Fields.at(run, "machine");
        List<String> parts = new ArrayList<>();
        String nproc = Fields.text(machine, "nproc");
        if (nproc != null) {
            parts.add("nproc " + nproc);
        }
        String cpu = Fields.text(machine, "cpu");
        if (cpu != null) {
            parts.add(cpu);
        }
        String memory = Fields.text(machine, "memTotal");
        if (memory != null) {
            Matcher kb = KILOBYTES.matcher(memory);
            parts.add("MemTotal " + (kb.matches() ? Fmt.count(Double.valueOf(kb.group(1))) + " kB" : memory));
        }
        String java = Fields.text(machine, "java");
        if (java != null) {
            parts.add("JDK " + java);
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }
}
