package dev.arena.loadtest.report;

import java.util.List;

/** A table of already formatted cells, rendered as markdown or HTML. */
record Table(List<String> headers, List<List<String>> rows) {

    Table {
        headers = List.copyOf(headers);
        rows = rows.stream().map(List::copyOf).toList();
    }
}
