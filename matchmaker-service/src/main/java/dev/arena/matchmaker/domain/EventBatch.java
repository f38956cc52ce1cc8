package dev.arena.matchmaker.domain;

import java.util.List;

/** What one read of the matchmaker's two streams returned: the lobby's joins and leaves, the game nodes' reports. */
public record EventBatch(List<JoinEntry> joins, List<NodeReportEntry> reports) {

    public EventBatch {
        joins = List.copyOf(joins);
        reports = List.copyOf(reports);
    }

    public boolean isEmpty() {
        return joins.isEmpty() && reports.isEmpty();
    }
}
