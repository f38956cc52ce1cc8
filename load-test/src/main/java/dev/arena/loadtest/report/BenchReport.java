package dev.arena.loadtest.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the results of {@code ./stack bench} ({@code capacity.json}, {@code burst.json}) as PNG charts and an
 * HTML page in the results directory, and as a markdown section between the bench-report markers of a docs file.
 */
public final class BenchReport {

    /** Neither result file is there: nothing to report. */
    static final class NoResultsException extends Exception {
        NoResultsException(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchReport() {}

    /** Where, beside the markdown file, the charts of the tabulated run are copied. */
    static final String DOCS_CHART_DIR = "bench";

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        if (args.length != 2) {
            System.err.println("usage: BenchReport <resultsDir> <docsMarkdownFile>");
            System.exit(2);
        }
        try {
            for (Path written : run(Path.of(args[0]), Path.of(args[1]), LocalDate.now())) {
                System.out.println(written);
            }
        } catch (NoResultsException e) {
            System.err.println("bench report: " + e.getMessage());
            System.exit(2);
        } catch (IOException | RuntimeException e) {
            System.err.println("bench report failed: " + e);
            System.exit(1);
        }
    }

    /** Writes the charts, report.html and the markdown section; returns the paths written. */
    static List<Path> run(Path resultsDir, Path markdownFile, LocalDate today) throws IOException, NoResultsException {
        JsonNode capacity = read(resultsDir.resolve("capacity.json"));
        JsonNode burst = read(resultsDir.resolve("burst.json"));
        JsonNode failover = read(resultsDir.resolve("failover.json"));
        JsonNode rolling = read(resultsDir.resolve("rolling.json"));
        if (capacity == null && burst == null && failover == null && rolling == null) {
            throw new NoResultsException("no capacity.json, burst.json, failover.json or rolling.json in " + resultsDir.toAbsolutePath()
                    + " (run ./stack bench first)");
        }
        ReportContent content = ReportContent.of(capacity, burst, failover, rolling, today);
        List<Path> written = new ArrayList<>();

        List<Charts.Chart> charts = Charts.write(capacity, burst, resultsDir);
        charts.forEach(chart -> written.add(chart.file()));

        Path html = resultsDir.resolve("report.html");
        Files.writeString(html, HtmlReport.render(content, charts), StandardCharsets.UTF_8);
        written.add(html);

        // The charts also go beside the markdown file, so the committed docs show the plots of the run they tabulate.
        Path chartDir = markdownFile.toAbsolutePath().getParent().resolve(DOCS_CHART_DIR);
        Files.createDirectories(chartDir);
        List<Charts.Chart> docCharts = new ArrayList<>();
        for (Charts.Chart chart : charts) {
            Path copy = chartDir.resolve(chart.file().getFileName());
            Files.copy(chart.file(), copy, StandardCopyOption.REPLACE_EXISTING);
            written.add(copy);
            docCharts.add(new Charts.Chart(chart.title(), Path.of(DOCS_CHART_DIR).resolve(chart.file().getFileName())));
        }
        MarkedSection.write(markdownFile, MarkdownSection.render(content, docCharts, displayPath(html, markdownFile)));
        written.add(markdownFile);
        return written;
    }

    /** The parsed file, or null when it does not exist. */
    private static JsonNode read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The report's path relative to the repository root (the nearest directory with a .git above the markdown
     * file or the working directory) when it lies inside it, else absolute.
     */
    static String displayPath(Path report, Path markdownFile) {
        Path absolute = report.toAbsolutePath().normalize();
        for (Path from : List.of(markdownFile.toAbsolutePath().normalize(), Path.of("").toAbsolutePath())) {
            for (Path dir = from; dir != null; dir = dir.getParent()) {
                if (Files.exists(dir.resolve(".git"))) {
                    if (absolute.startsWith(dir)) {
                        return dir.relativize(absolute).toString().replace('\\', '/');
                    }
                    break;
                }
            }
        }
        return absolute.toString();
    }
}
