package org.caniclab.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caniclab.reports.OrchestrationEvent;
import org.caniclab.reports.RunInfo;
import org.caniclab.reports.RunReportWriter;
import org.caniclab.reports.RunResult;
import org.caniclab.reports.Timeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunPageTest {

    @TempDir
    Path dir;

    @Test
    void sameResultGivesSameBytesWhateverTheDefaultLocale() {
        String first = RunPage.render(Runs.threePools(30), RunPage.Description.NONE);
        Locale saved = Locale.getDefault();
        try {
            // Decimal commas and other digits would show here if any number went through the locale.
            Locale.setDefault(Locale.forLanguageTag("de-DE"));
            assertEquals(first, RunPage.render(Runs.threePools(30), RunPage.Description.NONE));
            Locale.setDefault(Locale.forLanguageTag("ar-EG-u-nu-arab"));
            assertEquals(first, RunPage.render(Runs.threePools(30), RunPage.Description.NONE));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void pageIsSelfContained() {
        String html = RunPage.render(Runs.threePools(30), RunPage.Description.NONE);

        // Nothing is fetched: no external script, style, image or frame, no link to a stylesheet.
        assertFalse(Pattern.compile("<(script|img|iframe|link)\\b[^>]*\\b(src|href)=", Pattern.CASE_INSENSITIVE)
                .matcher(html).find(), "the page references an external resource");
        assertTrue(html.contains("var uPlot="), "uPlot is inlined");
        assertTrue(html.contains(".uplot"), "uPlot's styles are inlined");
        assertTrue(html.startsWith("<!DOCTYPE html>\n"));
        assertFalse(html.contains("\r"), "line ends are \\n only");
    }

    @Test
    void escapesPoolNamesAndEventTextEverywhere() {
        String html = RunPage.render(Runs.threePools(30), new RunPage.Description("a <b> & \"c\""));

        // The only closing script tags are the page's own: the error catcher, the data, uPlot and the page script.
        Matcher closing = Pattern.compile("</script>").matcher(html);
        int count = 0;
        while (closing.find()) {
            count++;
        }
        assertEquals(4, count, "a name in the data closed a script element");
        assertTrue(html.contains("<th>b&lt;&amp;&gt;&quot;&#39;&lt;/script&gt;</th>"), "pool name in the table");
        assertTrue(html.contains("<pre>a &lt;b&gt; &amp; &quot;c&quot;</pre>"), "description");
        assertTrue(html.contains("reject: \\\"subnet full\\\" \\u003cx>"), "event detail in the data");
    }

    @Test
    void chartsFollowTheTimelineAndHistograms() {
        RunResult run = Runs.threePools(30);
        List<PageData.Chart> charts = RunPage.data(run).charts();

        assertEquals(List.of("workers/api", "queue/api", "utilization/api", "traffic/api",
                "workers/" + Runs.AWKWARD, "queue/" + Runs.AWKWARD, "utilization/" + Runs.AWKWARD,
                "traffic/" + Runs.AWKWARD, "workers/idle", "queue/idle", "utilization/idle", "traffic/idle",
                "latency"), charts.stream().map(PageData.Chart::key).toList());
        PageData.Chart workers = charts.get(0);
        assertEquals(List.of("registered", "reserved", "in flight"),
                workers.series().stream().map(PageData.Series::label).toList());
        assertEquals(30, workers.series().get(0).values().size());
        assertEquals("4", workers.series().get(0).values().get(29), "registered at t=30: min(4, 1 + 30/10)");
        assertEquals("1", workers.series().get(1).values().get(6), "reserved at t=7");
        assertEquals("0.13", charts.get(2).series().get(0).values().get(0), "utilization at t=1");
        assertEquals(List.of(), charts.get(8).series().get(0).values(), "idle has no samples");
        // The empty histogram of the awkward pool draws no curve.
        PageData.Chart latency = charts.get(12);
        assertEquals(1, latency.series().size());
        assertEquals(51, latency.series().get(0).values().size());
    }

    @Test
    void latencyCurveReadsTheHistogramAtEachNine() {
        RunResult run = Runs.threePools(30);
        List<String> curve = RunPage.percentileCurve(run.latencyHistograms().get("api"));

        // 1000 values of 1..1000 ms: p0 is the smallest, p90 the 900th value, p99 the 990th, p99.999 the largest;
        // the histogram keeps 3 significant digits, so each reads at most 0.1 % above the exact order statistic.
        assertEquals(51, curve.size());
        assertWithinPrecision(1, curve.get(0), "p0");
        assertWithinPrecision(900, curve.get(10), "p90");
        assertWithinPrecision(990, curve.get(20), "p99");
        assertWithinPrecision(1000, curve.get(50), "p99.999");
        for (int i = 1; i < curve.size(); i++) {
            assertTrue(Double.parseDouble(curve.get(i)) >= Double.parseDouble(curve.get(i - 1)), "non-decreasing at " + i);
        }
    }

    private static void assertWithinPrecision(double exactMs, String shown, String what) {
        double v = Double.parseDouble(shown);
        assertTrue(v >= exactMs && v <= exactMs * 1.001 + 0.001, what + ": " + shown + " for " + exactMs);
    }

    @Test
    void markersIncludeTheHubsEventsOnEveryPool() {
        RunResult run = Runs.threePools(30);

        List<PageData.Marker> api = RunPage.markers(run.events(), "api");
        List<PageData.Marker> idle = RunPage.markers(run.events(), "idle");

        assertEquals(List.of("0", "0.5", "1", "3", "4", "5", "6"), api.stream().map(PageData.Marker::x).toList());
        assertEquals(List.of("started", "completed", "started", "completed", "autoscale-scale_up",
                "autoscale-hold", "failed"), api.stream().map(PageData.Marker::kind).toList());
        assertEquals("create_worker completed (rrkah-fqaaa-aaaaa-aaaaq-cai)", api.get(3).label());
        assertEquals(2, idle.size(), "only the bootstrap");
    }

    @Test
    void openingCommentIsTheScenariosQuestion() {
        String toml = "\n# steady — the baseline.\n#\n#   * indented bullet\n#no space\nexpect = []\n# later comment\n";

        assertEquals("steady — the baseline.\n\n  * indented bullet\nno space",
                RunPage.Description.openingComment(toml).text());
        assertEquals("", RunPage.Description.openingComment("name = \"x\"\n# not opening\n").text());
        assertEquals("a", RunPage.Description.openingComment("# a\r\n\r\n# b\r\n").text(), "a blank line ends it");
    }

    @Test
    void runReportWriterWritesTheDescribedPage() throws IOException {
        RunResult run = Runs.threePools(30);
        RunPage.Description question = RunPage.Description.openingComment("# What happens?\n");

        List<Path> written = RunReportWriter.write(dir, run, RunInfo.capture(1.0, 1), question);

        assertTrue(written.contains(dir.resolve("index.html")));
        assertEquals(RunPage.render(run, question), Files.readString(dir.resolve("index.html"), StandardCharsets.UTF_8));
        assertTrue(Files.readString(dir.resolve("index.html")).contains("<pre>What happens?</pre>"));
    }

    @Test
    void shortRunsSayNothingOfDecimationALongOneSaysItsRule() {
        String shortPage = RunPage.render(Runs.threePools(30), RunPage.Description.NONE);
        assertFalse(shortPage.contains("Decimated: ") || shortPage.contains("Marks thinned: "), "30 samples: all shown");

        int samples = 5_000; // blocks of 4: 5000/2 = 2500 is not below 2048, 5000/4 = 1250 is
        String longPage = RunPage.render(Runs.threePools(samples), RunPage.Description.NONE);
        assertTrue(longPage.contains("Decimated: each point is the largest value of 4 consecutive samples"),
                "the rule and its k are stated");
        assertTrue(longPage.contains("1250 points for 5000 samples."), "and what it left");
        PageData.Chart queue = RunPage.data(Runs.threePools(samples)).charts().stream()
                .filter(c -> c.key().equals("queue/api")).findFirst().orElseThrow();
        assertEquals(1250, queue.series().get(0).values().size());
    }

    @Test
    void marksBeyondTheBoundAreThinnedToEveryKthAndSaidSo() {
        List<OrchestrationEvent> events = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            events.add(new OrchestrationEvent(i * 1_000_000L, i % 2 == 0 ? "api" : "web", "autoscale", "hold", "#" + i));
        }
        events.add(new OrchestrationEvent(5_000_000_000L, "", "bootstrap", "completed", "hub"));
        RunPage.Marks api = RunPage.marks(events, "api");
        // api sees 2 501 events (its 2 500 and the hub's): kept every 2nd (1 251 < 2 048).
        assertEquals(2_501, api.total());
        assertEquals(2, api.every());
        assertEquals(1_251, api.kept().size());
        assertEquals("autoscale hold (#0)", api.kept().get(0).label());
        assertEquals("autoscale hold (#4)", api.kept().get(1).label(), "indices 0, 2, 4, ... of the pool's events");
        assertEquals("bootstrap completed (hub)", api.kept().get(1_250).label());
        assertTrue(RunPage.note(new Timeline.Chart(1, 10, List.of()), api)
                .contains("one event in every 2 is marked (1251 of 2501)"));
        RunPage.Marks few = RunPage.marks(events.subList(0, 100), "api");
        assertEquals(1, few.every());
        assertEquals(50, few.kept().size());
        assertEquals("", RunPage.note(new Timeline.Chart(1, 10, List.of()), few));
    }
}
