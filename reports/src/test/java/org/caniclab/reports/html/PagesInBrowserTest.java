package org.caniclab.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.caniclab.reports.RunResult;
import org.caniclab.reports.TimelineRow;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Opens the pages in headless Chromium and reads back what they drew: no error reached the page (uncaught errors,
 * rejections and console.error are caught into it), and every chart holds exactly the points, event marks and
 * interval whiskers its input implies, counted here from the input itself. Screenshots go to
 * {@code target/browser/}. Without a browser the tests are skipped with the reason printed, except when {@code CI}
 * is {@code true} or {@code CANICLAB_REQUIRE_CHROMIUM=1}: there a missing browser fails.
 */
class PagesInBrowserTest {

    static final Path OUT = Path.of("target/browser");
    /** The shipped scenarios' golden reports, whose pages are checked against their own CSV files. */
    static final Path GOLDEN = Path.of("../simulator/src/test/golden");
    /** The latency chart's grid: 0 to 5 nines in tenths. */
    static final int PERCENTILE_POINTS = 51;
    private static final ObjectMapper JSON = new ObjectMapper();

    static Chromium browser;

    @BeforeAll
    static void findBrowser() throws IOException {
        Files.createDirectories(OUT);
        browser = Chromium.find(OUT).orElse(null);
        if (browser == null) {
            String reason = "no Chromium found (chromium, chromium-browser, google-chrome on PATH, or "
                    + "$CANICLAB_CHROMIUM); install Debian's chromium to run the page tests";
            if (Chromium.required()) {
                fail(reason + " — required here (CI=true or CANICLAB_REQUIRE_CHROMIUM=1)");
            }
            System.out.println("PagesInBrowserTest skipped: " + reason);
            Assumptions.abort(reason);
        }
    }

    @Test
    void runPageDrawsEveryTimelineRowEventAndPercentile() throws Exception {
        RunResult run = Runs.threePools(600);
        Path page = OUT.resolve("run/index.html");
        Files.createDirectories(page.getParent());
        Files.writeString(page, RunPage.render(run, new RunPage.Description("three-pools — a hand-built run.\n\n"
                + "Question: does every chart draw what the result holds?")), StandardCharsets.UTF_8);

        JsonNode check = open(page);

        Map<String, Integer> rows = new TreeMap<>();
        for (TimelineRow r : run.timeline()) {
            rows.merge(r.pool(), 1, Integer::sum);
        }
        Map<String, Expected> expected = new TreeMap<>();
        for (String pool : List.of("api", Runs.AWKWARD, "idle")) {
            int n = rows.getOrDefault(pool, 0);
            long marks = run.events().stream().filter(e -> e.pool().equals(pool) || e.pool().isEmpty()).count();
            expected.putAll(poolCharts(pool, n, marks));
        }
        long curves = run.latencyHistograms().values().stream().filter(h -> h.getTotalCount() > 0).count();
        expected.put("latency", new Expected(PERCENTILE_POINTS * curves, 0, 0));
        assertCharts(expected, check);
        assertEquals(1800, expected.get("workers/api").points(), "600 samples x registered, reserved, in flight");
        assertEquals(7, expected.get("queue/api").marks(), "the hub's 2 events and api's 5");

        browser.screenshot(page, OUT.resolve("run.png"), 3000);
    }

    @Test
    void sweepPageDrawsEveryMeanAndInterval() throws Exception {
        SweepPage.Input input = SweepPageTest.study();
        Path page = OUT.resolve("sweep/index.html");
        Files.createDirectories(page.getParent());
        Files.writeString(page, SweepPage.render(input), StandardCharsets.UTF_8);

        JsonNode check = open(page);

        Map<String, Expected> expected = new TreeMap<>();
        for (String metric : List.of(SweepPageTest.LATENCY, SweepPageTest.WORKERS)) {
            long means = input.estimates().stream().filter(e -> e.metric().equals(metric)).count();
            long intervals = input.estimates().stream()
                    .filter(e -> e.metric().equals(metric) && Double.isFinite(e.halfWidth())).count();
            expected.put(metric, new Expected(means, 0, intervals));
        }
        assertCharts(expected, check);
        assertEquals(new Expected(5, 0, 5), expected.get(SweepPageTest.LATENCY), "reserved lacks 0.9");
        assertEquals(new Expected(6, 0, 5), expected.get(SweepPageTest.WORKERS), "one mean has no interval");

        browser.screenshot(page, OUT.resolve("sweep.png"), 1100);
    }

    @Test
    void shippedScenarioPagesDrawWhatTheirCsvFilesHold() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(GOLDEN), "no golden reports at " + GOLDEN.toAbsolutePath());
        List<Path> pages;
        try (Stream<Path> scenarios = Files.list(GOLDEN)) {
            pages = scenarios.map(s -> s.resolve("seed-1/index.html")).filter(Files::isRegularFile).sorted().toList();
        }
        assertTrue(pages.size() >= 7, "golden pages found: " + pages);
        for (Path page : pages) {
            Path folder = page.getParent();
            Map<String, Integer> rows = new TreeMap<>();
            for (String[] r : csv(folder.resolve("timeline.csv"))) {
                rows.merge(r[1], 1, Integer::sum);
            }
            List<String[]> events = csv(folder.resolve("events.csv"));
            Map<String, Expected> expected = new TreeMap<>();
            for (Map.Entry<String, Integer> pool : rows.entrySet()) {
                long marks = events.stream().filter(e -> e[1].equals(pool.getKey()) || e[1].isEmpty()).count();
                expected.putAll(poolCharts(pool.getKey(), pool.getValue(), marks));
            }
            expected.put("latency", new Expected(PERCENTILE_POINTS * histogramsWithValues(folder), 0, 0));

            assertCharts(expected, open(page));
        }
        browser.screenshot(GOLDEN.resolve("steady/seed-1/index.html"), OUT.resolve("steady.png"), 2200);
    }

    /** What one chart must show: points (non-null values over all its series), event marks, interval whiskers. */
    record Expected(long points, long marks, long intervals) {}

    private static Map<String, Expected> poolCharts(String pool, int samples, long marks) {
        Map<String, Expected> charts = new TreeMap<>();
        charts.put("workers/" + pool, new Expected(3L * samples, marks, 0));
        charts.put("queue/" + pool, new Expected(samples, marks, 0));
        charts.put("utilization/" + pool, new Expected(samples, marks, 0));
        charts.put("traffic/" + pool, new Expected(2L * samples, marks, 0));
        return charts;
    }

    private JsonNode open(Path page) throws Exception {
        String dom = browser.dumpDom(page.toAbsolutePath());
        JsonNode check = JSON.readTree(Chromium.check(dom));
        assertEquals(List.of(), list(check.get("errors")), page + ": errors in the page");
        assertTrue(check.get("final").asBoolean(), page + ": the page's final self-check did not run");
        System.out.println("PagesInBrowserTest: " + page + " drawn in " + check.get("ms") + " ms");
        return check;
    }

    private static void assertCharts(Map<String, Expected> expected, JsonNode check) {
        Map<String, Expected> drawn = new TreeMap<>();
        for (Map.Entry<String, JsonNode> c : check.get("charts").properties()) {
            JsonNode n = c.getValue();
            boolean empty = n.get("points").asLong() == 0;
            // A chart with no samples says so instead of drawing; one with samples must have drawn.
            assertTrue(empty || n.get("draws").asInt() >= 1, c.getKey() + " was never drawn");
            drawn.put(c.getKey(), new Expected(n.get("points").asLong(),
                    empty ? n.get("markers").asLong() : n.get("markers_drawn").asLong(),
                    n.get("intervals_drawn").asLong()));
        }
        assertEquals(expected, drawn);
    }

    private static List<String> list(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Rows of one of the report's CSV files, header dropped. */
    private static List<String[]> csv(Path file) throws IOException {
        try (CSVParser parser = CSVParser.parse(file, StandardCharsets.UTF_8,
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            return parser.getRecords().stream().map(CSVRecord::values).toList();
        }
    }

    private static long histogramsWithValues(Path folder) throws IOException {
        Pattern total = Pattern.compile("Total count\\s*=\\s*(\\d+)");
        long n = 0;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".hgrm")).toList()) {
                Matcher m = total.matcher(Files.readString(f, StandardCharsets.UTF_8));
                if (m.find() && Long.parseLong(m.group(1)) > 0) {
                    n++;
                }
            }
        }
        return n;
    }
}
