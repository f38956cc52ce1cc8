package dev.arena.loadtest.report;

import java.util.List;

/** The generated markdown section that goes between the bench-report markers of the docs file. */
final class MarkdownSection {

    private MarkdownSection() {}

    /**
     * The section's text, ending with a newline: the tables, the {@code charts} as images (paths
     * relative to the markdown file), and {@code reportPath} as where the HTML report is.
     */
    static String render(ReportContent content, List<Charts.Chart> charts, String reportPath) {
        StringBuilder md = new StringBuilder();
        RunInfo run = content.run();
        md.append("### ").append(content.title()).append("\n\n");
        md.append("**Machine**: ").append(run.machine()).append("\n\n");
        md.append("**Pinning**: ").append(run.pinning()).append("\n\n");
        md.append("**Command**: ").append(run.command()).append("\n\n");
        if (content.capacity() != null) {
            md.append("#### Capacity\n\n");
            table(md, content.capacity());
            md.append(content.capacityLine()).append("\n\n");
        }
        if (content.burst() != null) {
            md.append("#### Burst\n\n");
            table(md, content.burst());
        }
        if (content.failover() != null) {
            md.append("#### Failover\n\n");
            table(md, content.failover());
        }
        if (content.rolling() != null) {
            md.append("#### Rolling restart\n\n");
            table(md, content.rolling());
        }
        for (Charts.Chart chart : charts) {
            md.append("![").append(chart.title()).append("](").append(chart.file().toString().replace('\\', '/')).append(")\n\n");
        }
        md.append("Report: `").append(reportPath).append("`\n");
        return md.toString();
    }

    private static void table(StringBuilder md, Table table) {
        if (table.rows().isEmpty()) {
            md.append("No rows recorded.\n\n");
            return;
        }
        row(md, table.headers());
        md.append("|").append(" --- |".repeat(table.headers().size())).append("\n");
        for (List<String> row : table.rows()) {
            row(md, row);
        }
        md.append("\n");
    }

    private static void row(StringBuilder md, List<String> cells) {
        md.append("|");
        for (String cell : cells) {
            md.append(" ").append(cell.replace("|", "\\|").replace("\n", " ")).append(" |");
        }
        md.append("\n");
    }
}
