package org.caniclab.reports.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.HdrHistogram.Histogram;
import org.caniclab.reports.BatchMeans;
import org.caniclab.reports.ExpectationResult;
import org.caniclab.reports.MetricCount;
import org.caniclab.reports.Mser;
import org.caniclab.reports.OrchestrationEvent;
import org.caniclab.reports.PoolSummary;
import org.caniclab.reports.RequestStats;
import org.caniclab.reports.RunHeader;
import org.caniclab.reports.RunResult;
import org.caniclab.reports.Timeline;
import org.caniclab.reports.TimelineRow;

/**
 * Renders a run's {@code index.html}: the scenario's question, the summary tables, per pool the charts over
 * virtual time of workers (registered, reserved, in flight), queue depth, utilization, and arrivals and
 * rejections with the orchestration events marked on the time axis, and the latency percentile curves of every
 * pool from its HdrHistogram. {@code RunReportWriter} writes it beside the other report files.
 *
 * <pre>{@code
 * String scenarioText = Files.readString(Path.of("scenarios/steady.toml"));
 * String html = RunPage.render(result, RunPage.Description.openingComment(scenarioText));
 * }</pre>
 *
 * <p>The page is a pure function of the result and the description: same input, same bytes.
 */
public final class RunPage {

    /**
     * Percentile grid of the latency chart, in "nines": x = -log10(1 - p), from 0 (the minimum) to 5
     * (p99.999) in tenths. A fixed grid lines up every pool's curve on one x axis.
     */
    static final int NINES_STEPS = 50;
    /** The most event marks a pool's charts carry (see {@link #marks}). */
    static final int MAX_MARKS = 2048;
    private static final int NINES_PER_STEP = 10;
    private static final double NANOS_PER_MS = 1_000_000.0;

    private RunPage() {}

    /**
     * The text a run page opens with: what the scenario asks. {@link #NONE} when there is none; the page then
     * shows only the scenario's name.
     *
     * <pre>{@code
     * RunPage.Description d = RunPage.Description.openingComment(Files.readString(scenarioFile));
     * }</pre>
     *
     * @param text plain text, shown as written (line breaks kept); empty for none
     */
    public record Description(String text) {

        /** No description. */
        public static final Description NONE = new Description("");

        public Description {
            Objects.requireNonNull(text, "text");
            text = text.replace("\r\n", "\n").strip();
        }

        /**
         * The opening comment block of a TOML scenario file: the {@code #} lines before its first other line
         * (blank lines before the block are skipped), each without its {@code #} and one following space.
         * {@link #NONE} when the file does not open with a comment.
         */
        public static Description openingComment(String tomlText) {
            StringBuilder out = new StringBuilder();
            boolean started = false;
            for (String line : tomlText.replace("\r\n", "\n").split("\n", -1)) {
                String trimmed = line.strip();
                if (trimmed.startsWith("#")) {
                    started = true;
                    String body = trimmed.substring(1);
                    out.append(body.startsWith(" ") ? body.substring(1) : body).append('\n');
                } else if (started || !trimmed.isEmpty()) {
                    break;
                }
            }
            return new Description(out.toString());
        }
    }

    /** The page's HTML. */
    public static String render(RunResult result, Description description) {
        Objects.requireNonNull(description, "description");
        RunHeader h = result.header();
        String title = h.scenario() + " · seed " + h.seed();
        SortedMap<String, String> notes = new TreeMap<>();
        PageData data = data(result, notes);
        StringBuilder body = new StringBuilder();
        body.append("<header>\n<h1>").append(Html.escape(h.scenario())).append("</h1>\n")
                .append("<p class=\"run-meta\">seed ").append(h.seed())
                .append(" · backend ").append(Html.escape(h.backend()))
                .append(" · mode ").append(Html.escape(h.mode()))
                .append(" · ").append(text(Numbers.fixed(h.simulatedSeconds(), 9))).append(" simulated seconds · ")
                .append(h.events()).append(" engine events</p>\n</header>\n");
        if (!description.text().isEmpty()) {
            body.append("<section class=\"question\"><pre>").append(Html.escape(description.text()))
                    .append("</pre></section>\n");
        }
        summary(body, result);
        charts(body, data, notes);
        return Html.document(title, body.toString(), data.toJson());
    }

    /** The chart data, shared by {@link #render} and the tests that count what the browser drew. */
    static PageData data(RunResult result) {
        return data(result, new TreeMap<>());
    }

    /**
     * The chart data; {@code notes} receives, per pool whose charts do not show every sample or every event, the
     * sentence that says so and by what rule.
     */
    static PageData data(RunResult result, SortedMap<String, String> notes) {
        PageData data = new PageData("run", Numbers.fixed(result.header().simulatedSeconds(), 9));
        SortedMap<String, Timeline.Chart> charts = result.timeline().charts();
        // Pools with a summary but no sample still get their (empty) charts: the page then says so.
        TreeSet<String> pools = new TreeSet<>(charts.keySet());
        result.pools().forEach(p -> pools.add(p.name()));
        int index = 0;
        for (String pool : pools) {
            Timeline.Chart chart = charts.getOrDefault(pool, new Timeline.Chart(1, 0, List.of()));
            List<TimelineRow> rows = chart.points();
            Marks marks = marks(result.events(), pool);
            String note = note(chart, marks);
            if (!note.isEmpty()) {
                notes.put(pool, note);
            }
            String axis = "t" + index;
            String markSet = "m" + index;
            index++;
            data.axis(axis, rows.stream().map(r -> Numbers.seconds(r.timeNanos())).toList());
            data.markers(markSet, marks.kept());
            data.chart(new PageData.Chart("workers/" + pool, pool + ": workers", axis, PageData.Scale.TIME,
                    List.of(), "virtual time (s)", "workers", markSet, true, true, List.of(
                    series("registered", rows, r -> Integer.toString(r.workers())),
                    series("reserved", rows, r -> Integer.toString(r.reserved())),
                    series("in flight", rows, r -> Integer.toString(r.inFlight())))));
            data.chart(new PageData.Chart("queue/" + pool, pool + ": queue depth", axis, PageData.Scale.TIME,
                    List.of(), "virtual time (s)", "requests waiting", markSet, true, true, List.of(
                    series("queue depth", rows, r -> Integer.toString(r.queueDepth())))));
            data.chart(new PageData.Chart("utilization/" + pool, pool + ": utilization", axis,
                    PageData.Scale.TIME, List.of(), "virtual time (s)", "fraction of capacity", markSet, true, true,
                    List.of(series("utilization", rows, r -> Numbers.fixed(r.utilization(), Numbers.RATIO)))));
            data.chart(new PageData.Chart("traffic/" + pool, pool + ": arrivals and rejections", axis,
                    PageData.Scale.TIME, List.of(), "virtual time (s)", "requests per sample", markSet, true, true,
                    List.of(series("arrivals", rows, r -> Long.toString(r.arrivals())),
                            series("rejections", rows, r -> Long.toString(r.rejections())))));
        }
        List<String> nines = new ArrayList<>();
        for (int i = 0; i <= NINES_STEPS; i++) {
            nines.add(Numbers.plain(java.math.BigDecimal.valueOf(i, 1)));
        }
        data.axis("nines", nines);
        List<PageData.Series> curves = new ArrayList<>();
        result.latencyHistograms().forEach((pool, histogram) -> {
            if (histogram.getTotalCount() > 0) {
                curves.add(new PageData.Series(pool, percentileCurve(histogram), null));
            }
        });
        data.chart(new PageData.Chart("latency", "latency by percentile", "nines", PageData.Scale.NINES,
                List.of(), "percentile", "latency (ms)", null, false, true, curves));
        return data;
    }

    /** The latency at each point of the nines grid, in milliseconds. */
    static List<String> percentileCurve(Histogram histogram) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i <= NINES_STEPS; i++) {
            // StrictMath: the same bits on every platform, so the same page.
            double percentile = 100.0 * (1.0 - StrictMath.pow(10.0, -(double) i / NINES_PER_STEP));
            values.add(Numbers.fixed(histogram.getValueAtPercentile(percentile) / NANOS_PER_MS, Numbers.MS));
        }
        return values;
    }

    /**
     * The events a pool's charts mark: its own and the hub's (no pool, such as the bootstrap), which concern
     * every pool; at most {@value #MAX_MARKS} of them (see {@link #marks}).
     */
    static List<PageData.Marker> markers(Iterable<OrchestrationEvent> events, String pool) {
        return marks(events, pool).kept();
    }

    /**
     * A pool's marks: of its events (its own and the hub's) in order, those whose index is a multiple of
     * {@code every}, the smallest power of two that keeps fewer than {@value #MAX_MARKS}; {@code every} is 1, every
     * event, for all but very long runs.
     */
    record Marks(List<PageData.Marker> kept, long every, long total) {}

    static Marks marks(Iterable<OrchestrationEvent> events, String pool) {
        List<PageData.Marker> marks = new ArrayList<>();
        long every = 1;
        long seen = 0;
        for (OrchestrationEvent e : events) {
            if (e.pool().equals(pool) || e.pool().isEmpty()) {
                if (seen++ % every != 0) {
                    continue;
                }
                String figures = e.autoscale().map(f -> "desired " + f.desired() + ", workers " + f.workers()
                        + ", reserved " + f.reserved() + ", arrivals " + f.arrivals() + ", calls " + f.calls())
                        .orElse(e.detail());
                String label = e.call() + " " + e.outcome() + (figures.isEmpty() ? "" : " (" + figures + ")");
                String kind = e.call().equals("autoscale") ? "autoscale-" + e.outcome() : e.outcome();
                marks.add(new PageData.Marker(Numbers.seconds(e.timeNanos()), kind, label));
                if (marks.size() == MAX_MARKS) {
                    // Kept indices were multiples of every; keeping every other one leaves the multiples of 2·every.
                    List<PageData.Marker> thinned = new ArrayList<>(MAX_MARKS / 2);
                    for (int i = 0; i < MAX_MARKS; i += 2) {
                        thinned.add(marks.get(i));
                    }
                    marks = thinned;
                    every *= 2;
                }
            }
        }
        return new Marks(List.copyOf(marks), every, seen);
    }

    /** What a pool's section says when its charts leave samples or events out; empty when they show all. */
    static String note(Timeline.Chart chart, Marks marks) {
        StringBuilder b = new StringBuilder();
        if (chart.decimated()) {
            b.append("Decimated: each point is the largest value of ").append(chart.samplesPerPoint())
                    .append(" consecutive samples (blocks counted from the first sample), drawn at the last one's "
                            + "time, so peaks are kept; ")
                    .append(chart.points().size()).append(" points for ").append(chart.samples())
                    .append(" samples. timeline.csv has every sample.");
        }
        if (marks.every() > 1) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append("Marks thinned: one event in every ").append(marks.every()).append(" is marked (")
                    .append(marks.kept().size()).append(" of ").append(marks.total())
                    .append("); events.csv has them all.");
        }
        return b.toString();
    }

    private interface Field {
        String of(TimelineRow row);
    }

    private static PageData.Series series(String label, List<TimelineRow> rows, Field field) {
        return new PageData.Series(label, rows.stream().map(field::of).toList(), null);
    }

    private static void summary(StringBuilder body, RunResult result) {
        body.append("<section>\n<h2>Pools</h2>\n<div class=\"table-wrap\"><table>\n<thead><tr>")
                .append("<th rowspan=\"2\">pool</th><th colspan=\"4\">workers</th><th colspan=\"4\">creates</th>")
                .append("<th colspan=\"3\">requests</th><th colspan=\"3\">latency ms</th>")
                .append("<th rowspan=\"2\">wait ms mean</th><th rowspan=\"2\">wait ms p99</th><th rowspan=\"2\">P(wait)</th><th rowspan=\"2\">util mean</th>")
                .append("<th rowspan=\"2\">cycles spent</th></tr>\n<tr>")
                .append("<th>final</th><th>peak</th><th>max</th><th>over</th>")
                .append("<th>started</th><th>done</th><th>failed</th><th>orphaned</th>")
                .append("<th>arrived</th><th>done</th><th>rejected</th>")
                .append("<th>p50</th><th>p99</th><th>max</th></tr></thead>\n<tbody>\n");
        for (PoolSummary p : result.pools()) {
            RequestStats r = p.requests();
            body.append("<tr><th>").append(Html.escape(p.name())).append("</th>");
            cells(body, Integer.toString(p.workersFinal()), Integer.toString(p.workersPeak()),
                    p.maxWorkers() > 0 ? Integer.toString(p.maxWorkers()) : "-");
            body.append(p.overshootPeak() > 0 ? "<td class=\"bad\">" : "<td>").append(p.overshootPeak())
                    .append("</td>");
            cells(body, Long.toString(p.createsStarted()), Long.toString(p.createsCompleted()),
                    Long.toString(p.createsFailed()), Long.toString(p.createsOrphaned()),
                    Long.toString(r.arrived()), Long.toString(r.completed()), Long.toString(r.rejected()),
                    text(Numbers.fixed(r.latencyMs().p50(), Numbers.MS)),
                    text(Numbers.fixed(r.latencyMs().p99(), Numbers.MS)),
                    text(Numbers.fixed(r.latencyMs().max(), Numbers.MS)),
                    text(Numbers.fixed(r.waitMsMean(), Numbers.MS)),
                    text(Numbers.fixed(r.waits().p99(), Numbers.MS)),
                    text(Numbers.fixed(r.waits().pWait(), Numbers.RATIO)),
                    text(Numbers.fixed(r.utilizationMean(), Numbers.RATIO)),
                    Long.toString(p.cyclesSpent()));
            body.append("</tr>\n");
        }
        body.append("</tbody></table></div>\n");
        runLength(body, result);

        body.append("<h2>Canic metrics</h2>\n");
        if (result.metrics().isEmpty()) {
            body.append("<p>(none)</p>\n");
        } else {
            body.append("<div class=\"table-wrap\"><table>\n<thead><tr><th>operation</th><th>outcome</th>")
                    .append("<th>reason</th><th>count</th></tr></thead>\n<tbody>\n");
            for (MetricCount m : result.metrics()) {
                body.append("<tr><td class=\"text\">").append(Html.escape(m.operation()))
                        .append("</td><td class=\"text\">").append(Html.escape(m.outcome()))
                        .append("</td><td class=\"text\">").append(Html.escape(m.reason()))
                        .append("</td><td>").append(m.count()).append("</td></tr>\n");
            }
            body.append("</tbody></table></div>\n");
        }

        if (!result.expectations().isEmpty()) {
            long failed = result.expectations().stream().filter(e -> !e.passed()).count();
            body.append("<h2>Expectations</h2>\n<p>")
                    .append(failed == 0 ? "all " + result.expectations().size() + " met"
                            : failed + " of " + result.expectations().size() + " not met")
                    .append("</p>\n<div class=\"table-wrap\"><table>\n<thead><tr><th>result</th>")
                    .append("<th>expectation</th><th>measured</th></tr></thead>\n<tbody>\n");
            for (ExpectationResult e : result.expectations()) {
                body.append("<tr><td class=\"").append(e.passed() ? "good\">PASS" : "bad\">FAIL")
                        .append("</td><td class=\"text\"><code>").append(Html.escape(e.expression()))
                        .append("</code></td><td>").append(Html.escape(e.measured())).append("</td></tr>\n");
            }
            body.append("</tbody></table></div>\n");
        }
        body.append("</section>\n");
    }

    /**
     * Whether the run was long enough: the warm-up as set beside MSER-5's suggestion, and with {@code run.batches}
     * each pool's batch-means intervals with their lag-1 correlation and verdict, as {@code summary.txt} has them.
     */
    private static void runLength(StringBuilder body, RunResult result) {
        double warmup = result.header().warmupSeconds();
        double suggested = Mser.suggestedWarmupSeconds(result);
        body.append("<h2>Run length</h2>\n<p>warm-up ").append(text(Numbers.fixed(warmup, 9)))
                .append(" s; MSER-5 on the sampled queue depth suggests ")
                .append(text(Numbers.fixed(suggested, 9))).append(" s")
                .append(suggested > warmup ? " (<span class=\"bad\">warm-up too short</span>)" : "")
                .append("</p>\n");
        StringBuilder rows = new StringBuilder();
        for (PoolSummary p : result.pools()) {
            p.requests().batchMeans().ifPresent(b -> {
                batchRow(rows, p.name(), "wait ms", b.waitEstimate());
                batchRow(rows, p.name(), "latency ms", b.latencyEstimate());
            });
        }
        if (rows.length() > 0) {
            body.append("<div class=\"table-wrap\"><table>\n<thead><tr><th>pool</th><th>figure</th>")
                    .append("<th>batches</th><th>mean</th><th>95% lo</th><th>95% hi</th><th>±%</th>")
                    .append("<th>lag-1</th><th>run length</th></tr></thead>\n<tbody>\n").append(rows)
                    .append("</tbody></table></div>\n");
        }
    }

    private static void batchRow(StringBuilder rows, String pool, String figure, BatchMeans.Estimate e) {
        rows.append("<tr><th>").append(Html.escape(pool)).append("</th><td class=\"text\">").append(figure)
                .append("</td>");
        cells(rows, Integer.toString(e.n()), text(Numbers.fixed(e.mean(), Numbers.MS)),
                text(Numbers.fixed(e.lo(), Numbers.MS)), text(Numbers.fixed(e.hi(), Numbers.MS)),
                text(Numbers.fixed(100 * e.relativeHalfWidth(), 1)), text(Numbers.fixed(e.lag1(), 2)));
        rows.append(e.lengthenFactor() > 1 ? "<td class=\"bad\">" : "<td class=\"good\">")
                .append(Html.escape(e.verdict())).append("</td></tr>\n");
    }

    private static void charts(StringBuilder body, PageData data, SortedMap<String, String> notes) {
        String section = null;
        for (PageData.Chart c : data.charts()) {
            String group = c.key().equals("latency") ? "Latency" : "Pool " + c.key().substring(c.key().indexOf('/') + 1);
            if (!group.equals(section)) {
                if (section != null) {
                    body.append("</div>\n</section>\n");
                }
                section = group;
                body.append("<section>\n<h2>").append(Html.escape(group)).append("</h2>\n");
                if (!c.key().equals("latency")) {
                    body.append("<p class=\"legend-note\">Vertical marks: orchestration events "
                            + "(<span class=\"mk started\">started</span>, <span class=\"mk completed\">completed"
                            + "</span>, <span class=\"mk failed\">failed</span>, <span class=\"mk other\">other"
                            + "</span>; autoscaler decisions as ticks along the top). Point at a mark to read it."
                            + "</p>\n");
                    String pool = c.key().substring(c.key().indexOf('/') + 1);
                    if (notes.containsKey(pool)) {
                        body.append("<p class=\"legend-note\">").append(Html.escape(notes.get(pool))).append("</p>\n");
                    }
                } else {
                    body.append("<p class=\"legend-note\">End-to-end latency of completed requests after the "
                            + "warm-up, from each pool's HdrHistogram (the same data as latency-&lt;pool&gt;.hgrm)."
                            + "</p>\n");
                }
                body.append("<div class=\"charts\">\n");
            }
            body.append("<figure class=\"chart\" data-key=\"").append(Html.escape(c.key())).append("\"></figure>\n");
        }
        if (section != null) {
            body.append("</div>\n</section>\n");
        }
    }

    private static String text(String number) {
        return number == null ? "-" : number;
    }

    private static void cells(StringBuilder body, String... values) {
        for (String v : values) {
            body.append("<td>").append(Html.escape(v)).append("</td>");
        }
    }
}
