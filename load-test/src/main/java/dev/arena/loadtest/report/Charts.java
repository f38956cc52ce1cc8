package dev.arena.loadtest.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Stroke;
import java.awt.geom.Line2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** PNG charts of the results, drawn with JFreeChart: the capacity curve and the capacity and burst timelines. */
final class Charts {

    /** A chart written to a file. */
    record Chart(String title, Path file) {}

    static final int WIDTH = 1100;
    static final int HEIGHT = 620;

    private static final Color SNAPSHOT = new Color(0x1f77b4);
    private static final Color SNAPSHOT_P50 = new Color(0x8fbde0);
    private static final Color INPUT = new Color(0xe6700b);
    private static final Color INPUT_P50 = new Color(0xf7b77a);
    private static final Color QUEUE = new Color(0x2ca02c);
    private static final Color TICK = new Color(0xd62728);
    private static final Color IN_GAME = new Color(0x333333);
    private static final Color BOTS = new Color(0x999999);

    private static final Stroke P99 = new BasicStroke(2.2f);
    private static final Stroke P50 = new BasicStroke(1.3f);
    private static final Stroke TARGET = new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {9f, 6f}, 0f);
    private static final Stroke COUNT = new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {3f, 3f}, 0f);

    /** One line of a chart; a reference line (a target) alone does not make its axis worth drawing. */
    private record Line(XYSeries series, Color color, Stroke stroke, boolean shapes, boolean reference) {}

    /** The lines drawn against one range axis. */
    private record AxisLines(String label, List<Line> lines) {}

    private Charts() {}

    /** Writes the charts whose data exists into {@code dir}; either result may be null (file absent). */
    static List<Chart> write(JsonNode capacity, JsonNode burst, Path dir) throws IOException {
        List<Chart> written = new ArrayList<>();
        if (capacity != null) {
            save(written, capacityCurve(capacity), dir.resolve("capacity-curve.png"));
            save(written, timeline(capacity, "Capacity run over time", false), dir.resolve("capacity-timeline.png"));
        }
        if (burst != null) {
            save(written, timeline(burst, "Burst run over time", true), dir.resolve("burst-timeline.png"));
        }
        return written;
    }

    private static void save(List<Chart> written, JFreeChart chart, Path file) throws IOException {
        if (chart != null) {
            ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
            written.add(new Chart(chart.getTitle().getText(), file));
        }
    }

    /** p99 latencies against players in game, one point per step, with the targets as dashed lines. */
    static JFreeChart capacityCurve(JsonNode result) {
        List<JsonNode> steps = new ArrayList<>();
        for (JsonNode step : Fields.array(result, "steps")) {
            if (Fields.num(step, "inGame") != null) {
                steps.add(step);
            }
        }
        JsonNode targets = Fields.at(result, "capacity", "targets");
        Function<JsonNode, Double> x = step -> Fields.num(step, "inGame");

        List<Line> latency = new ArrayList<>();
        latency.add(data(series("snapshot interval p99", steps, x,
                s -> Fields.num(s, "snapshotIntervalMs", "p99")), SNAPSHOT, P99, true));
        latency.add(data(series("input round trip p99", steps, x,
                s -> Fields.num(s, "inputRoundTripMs", "p99")), INPUT, P99, true));
        target(latency, "snapshot interval", Fields.num(targets, "snapshotIntervalP99Ms"), steps, x, SNAPSHOT, "");
        target(latency, "input round trip", Fields.num(targets, "inputRoundTripP99Ms"), steps, x, INPUT, "");

        List<Line> tick = new ArrayList<>();
        tick.add(data(series("game tick lateness p99 (right axis)", steps, x,
                s -> Fields.num(Fields.gameService(s), "tickLatenessP99Ms")), TICK, P99, true));
        target(tick, "tick lateness", Fields.num(targets, "tickLatenessP99Ms"), steps, x, TICK, " (right axis)");

        return chart("Capacity: p99 latency by players in game", "players in game", true, List.of(
                new AxisLines("snapshot interval / input round trip p99 (ms)", latency),
                new AxisLines("game tick lateness p99 (ms)", tick)));
    }

    /**
     * Latency percentiles (left axis) and bot counts (right axis) over the run, one point per
     * sample; queue to room only where it is the subject (the burst), as its seconds would flatten
     * the capacity run's milliseconds.
     */
    static JFreeChart timeline(JsonNode result, String title, boolean withQueueToRoom) {
        List<JsonNode> samples = new ArrayList<>();
        for (JsonNode sample : Fields.array(result, "timeline")) {
            if (Fields.num(sample, "t") != null) {
                samples.add(sample);
            }
        }
        Function<JsonNode, Double> t = sample -> Fields.num(sample, "t");
        List<Line> latency = new ArrayList<>(List.of(
                data(series("snapshot interval p50", samples, t,
                        s -> Fields.num(s, "snapshotIntervalMs", "p50")), SNAPSHOT_P50, P50, false),
                data(series("snapshot interval p99", samples, t,
                        s -> Fields.num(s, "snapshotIntervalMs", "p99")), SNAPSHOT, P99, false),
                data(series("input round trip p50", samples, t,
                        s -> Fields.num(s, "inputRoundTripMs", "p50")), INPUT_P50, P50, false),
                data(series("input round trip p99", samples, t,
                        s -> Fields.num(s, "inputRoundTripMs", "p99")), INPUT, P99, false)));
        if (withQueueToRoom) {
            latency.add(data(series("queue to room p99", samples, t,
                    s -> Fields.num(s, "queueToRoomMs", "p99")), QUEUE, P99, false));
        }
        List<Line> players = List.of(
                data(series("players in game (right axis)", samples, t, s -> Fields.num(s, "inGame")),
                        IN_GAME, P50, false),
                data(series("bots (right axis)", samples, t, s -> Fields.num(s, "bots")), BOTS, COUNT, false));
        return chart(title, "time since start (s)", false, List.of(
                new AxisLines("latency (ms)", latency),
                new AxisLines("players", players)));
    }

    private static Line data(XYSeries series, Color color, Stroke stroke, boolean shapes) {
        return new Line(series, color, stroke, shapes, false);
    }

    /** A dashed horizontal line at the target, across the steps' x range. */
    private static void target(List<Line> lines, String name, Double value, List<JsonNode> points,
            Function<JsonNode, Double> x, Color color, String suffix) {
        if (value == null || points.isEmpty()) {
            return;
        }
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (JsonNode point : points) {
            min = Math.min(min, x.apply(point));
            max = Math.max(max, x.apply(point));
        }
        if (max - min < 1e-9) {
            double pad = Math.max(1, Math.abs(min) * 0.1);
            min -= pad;
            max += pad;
        }
        XYSeries series = new XYSeries("target: " + name + " p99 ≤ " + Fmt.plain(value) + " ms" + suffix);
        series.add(min, value);
        series.add(max, value);
        lines.add(new Line(series, color, TARGET, false, true));
    }

    /** A series over the points; a missing y leaves a gap in the line. */
    private static XYSeries series(String name, List<JsonNode> points, Function<JsonNode, Double> x,
            Function<JsonNode, Double> y) {
        XYSeries series = new XYSeries(name, true, true);
        for (JsonNode point : points) {
            series.add(x.apply(point), y.apply(point));
        }
        return series;
    }

    private static boolean hasValues(XYSeries series) {
        for (int i = 0; i < series.getItemCount(); i++) {
            if (series.getY(i) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * With target lines on the axis, fixes its range from zero so that each target lies at a height (fraction of
     * the plot) at least 6% away from the targets of the axes before it: a 2 ms target on the right axis must not
     * hide behind a 100 ms one on the left.
     */
    private static void separateTargets(NumberAxis axis, List<Line> lines, List<Double> takenHeights) {
        List<Double> targets = new ArrayList<>();
        double max = 0;
        for (Line line : lines) {
            for (int i = 0; i < line.series().getItemCount(); i++) {
                Number y = line.series().getY(i);
                if (y != null) {
                    max = Math.max(max, y.doubleValue());
                    if (line.reference() && i == 0) {
                        targets.add(y.doubleValue());
                    }
                }
            }
        }
        if (targets.isEmpty() || max <= 0) {
            return;
        }
        double upper = max * 1.08;
        for (double headroom : new double[] {1.08, 1.25, 1.45, 1.7, 2.0, 2.4}) {
            double candidate = max * headroom;
            boolean clear = targets.stream().allMatch(target -> takenHeights.stream()
                    .allMatch(taken -> Math.abs(target / candidate - taken) >= 0.06));
            if (clear) {
                upper = candidate;
                break;
            }
        }
        axis.setRange(0, upper);
        for (double target : targets) {
            takenHeights.add(target / upper);
        }
    }

    /** The chart with one range axis per non-empty group (left, then right), or null when no group has data. */
    private static JFreeChart chart(String title, String xLabel, boolean integerX, List<AxisLines> groups) {
        NumberAxis xAxis = new NumberAxis(xLabel);
        xAxis.setAutoRangeIncludesZero(false);
        if (integerX) {
            xAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.US));
        }
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(xAxis);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));

        List<Double> takenHeights = new ArrayList<>();
        int index = 0;
        for (AxisLines group : groups) {
            List<Line> lines = group.lines().stream().filter(line -> hasValues(line.series())).toList();
            if (lines.stream().allMatch(Line::reference)) {
                continue;
            }
            XYSeriesCollection dataset = new XYSeriesCollection();
            XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
            renderer.setDrawSeriesLineAsPath(true);
            renderer.setLegendLine(new Line2D.Double(-16, 0, 16, 0)); // long enough to show the dashes
            for (int i = 0; i < lines.size(); i++) {
                Line line = lines.get(i);
                dataset.addSeries(line.series());
                renderer.setSeriesPaint(i, line.color());
                renderer.setSeriesStroke(i, line.stroke());
                renderer.setSeriesShapesVisible(i, line.shapes());
            }
            NumberAxis yAxis = new NumberAxis(group.label());
            yAxis.setAutoRangeIncludesZero(true);
            separateTargets(yAxis, lines, takenHeights);
            plot.setRangeAxis(index, yAxis);
            plot.setRangeAxisLocation(index, index == 0 ? AxisLocation.BOTTOM_OR_LEFT : AxisLocation.BOTTOM_OR_RIGHT);
            plot.setDataset(index, dataset);
            plot.setRenderer(index, renderer);
            plot.mapDatasetToRangeAxis(index, index);
            index++;
        }
        if (index == 0) {
            return null;
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.BOTTOM);
        return chart;
    }
}
