package dev.arena.loadtest.report;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;

/** The self-contained HTML page: inline CSS, the charts embedded as data URIs, the same tables as the markdown. */
final class HtmlReport {

    private static final String CSS = """
            body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1200px; padding: 0 1em; color: #222; }
            h1 { font-size: 1.6em; } h2 { font-size: 1.3em; margin-top: 2em; }
            dl { display: grid; grid-template-columns: max-content auto; gap: .3em 1em; }
            dt { font-weight: bold; } dd { margin: 0; }
            table { border-collapse: collapse; margin: 1em 0; font-size: .9em; }
            th, td { border: 1px solid #ccc; padding: .3em .6em; text-align: right; }
            th { background: #f3f3f3; } td:last-child, th:last-child { text-align: left; }
            img { max-width: 100%; border: 1px solid #ddd; margin: .5em 0; }
            code { background: #f3f3f3; padding: 0 .2em; }
            """;

    private HtmlReport() {}

    static String render(ReportContent content, List<Charts.Chart> charts) throws IOException {
        StringBuilder html = new StringBuilder();
        RunInfo run = content.run();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(esc(content.title())).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        html.append("<h1>").append(esc(content.title())).append("</h1>\n<dl>\n");
        item(html, "Date", esc(run.date()));
        item(html, "Machine", esc(run.machine()));
        item(html, "Pinning", esc(run.pinning()));
        item(html, "Command", codeSpans(run.command()));
        html.append("</dl>\n");
        if (content.capacity() != null) {
            html.append("<h2>Capacity</h2>\n");
            table(html, content.capacity());
            html.append("<p>").append(esc(content.capacityLine())).append("</p>\n");
            images(html, charts, "capacity-");
        }
        if (content.burst() != null) {
            html.append("<h2>Burst</h2>\n");
            table(html, content.burst());
            images(html, charts, "burst-");
        }
        if (content.failover() != null) {
            html.append("<h2>Failover</h2>\n");
            table(html, content.failover());
        }
        if (content.rolling() != null) {
            html.append("<h2>Rolling restart</h2>\n");
            table(html, content.rolling());
        }
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    /** The charts whose file name starts with {@code prefix}, embedded as data URIs. */
    private static void images(StringBuilder html, List<Charts.Chart> charts, String prefix) throws IOException {
        for (Charts.Chart chart : charts) {
            String name = chart.file().getFileName().toString();
            if (!name.startsWith(prefix)) {
                continue;
            }
            String data = Base64.getEncoder().encodeToString(Files.readAllBytes(chart.file()));
            html.append("<figure>\n<img alt=\"").append(esc(chart.title())).append("\" src=\"data:image/png;base64,")
                    .append(data).append("\">\n<figcaption>").append(esc(chart.title())).append(" (")
                    .append(esc(name)).append(")</figcaption>\n</figure>\n");
        }
    }

    private static void item(StringBuilder html, String name, String valueHtml) {
        html.append("<dt>").append(name).append("</dt><dd>").append(valueHtml).append("</dd>\n");
    }

    private static void table(StringBuilder html, Table table) {
        if (table.rows().isEmpty()) {
            html.append("<p>No rows recorded.</p>\n");
            return;
        }
        html.append("<table>\n<tr>");
        for (String header : table.headers()) {
            html.append("<th>").append(esc(header)).append("</th>");
        }
        html.append("</tr>\n");
        for (List<String> row : table.rows()) {
            html.append("<tr>");
            for (String cell : row) {
                html.append("<td>").append(esc(cell)).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    /** The markdown `code` spans of the command line as HTML code elements. */
    private static String codeSpans(String text) {
        String[] parts = esc(text).split("`", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i % 2 == 0) {
                out.append(parts[i]);
            } else if (i < parts.length - 1) {
                out.append("<code>").append(parts[i]).append("</code>");
            } else {
                out.append('`').append(parts[i]); // an unmatched backtick stays as it was
            }
        }
        return out.toString();
    }

    static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
