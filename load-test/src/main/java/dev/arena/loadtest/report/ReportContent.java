package dev.arena.loadtest.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the markdown section and the HTML page both show: run metadata, and each present scenario's tables. */
record ReportContent(RunInfo run, Table capacity, String capacityLine, Table burst, Table failover, Table rolling) {

    /** From the parsed result files; any may be null (file absent), and then its part is null too. */
    static ReportContent of(JsonNode capacity, JsonNode burst, JsonNode failover, JsonNode rolling, LocalDate today) {
        Map<String, JsonNode> runs = new LinkedHashMap<>();
        if (capacity != null) {
            runs.put("capacity", Fields.at(capacity, "run"));
        }
        if (burst != null) {
            runs.put("burst", Fields.at(burst, "run"));
        }
        if (failover != null) {
            runs.put("failover", Fields.at(failover, "run"));
        }
        if (rolling != null) {
            runs.put("rolling", Fields.at(rolling, "run"));
        }
        return new ReportContent(
                RunInfo.of(runs, today),
                capacity == null ? null : ResultTables.capacity(capacity),
                capacity == null ? null : ResultTables.capacityLine(capacity),
                burst == null ? null : ResultTables.burst(burst),
                failover == null ? null : ResultTables.failover(failover),
                rolling == null ? null : ResultTables.rolling(rolling));
    }

    String title() {
        return "Results of ./stack bench, " + run.date();
    }
}
