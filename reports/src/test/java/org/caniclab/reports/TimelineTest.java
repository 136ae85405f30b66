package org.caniclab.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelineTest {
    private static final long S = 1_000_000_000L;

    @TempDir
    Path dir;

    /** Seeded samples of two pools, one per second, with values that vary in every column. */
    private static List<TimelineRow> rows(int samples, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<TimelineRow> out = new ArrayList<>();
        for (int i = 1; i <= samples; i++) {
            for (String pool : List.of("api", "batch")) {
                out.add(new TimelineRow(i * S, pool, r.nextInt(10), r.nextInt(3), r.nextInt(4), r.nextInt(500),
                        r.nextDouble(), r.nextLong(1_000_000), r.nextInt(7)));
            }
        }
        return out;
    }

    private static List<OrchestrationEvent> events(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<OrchestrationEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String pool = i % 5 == 0 ? "" : i % 2 == 0 ? "api" : "batch";
            if (i % 3 == 0) {
                out.add(new OrchestrationEvent(i * S / 3, pool, "autoscale", "hold", "",
                        Optional.of(new OrchestrationEvent.Autoscale(r.nextInt(9), r.nextInt(9), r.nextInt(3),
                                r.nextLong(100_000), r.nextInt(3)))));
            } else {
                out.add(new OrchestrationEvent(i * S / 3, pool, "create_worker", i % 2 == 0 ? "started" : "failed",
                        "reject: \"subnet full\", retry · é " + r.nextInt(1000)));
            }
        }
        return out;
    }

    private static RunResult result(Timeline timeline, SpooledRows<OrchestrationEvent> events) {
        Histogram h = new Histogram(3);
        h.recordValue(1_000_000);
        TreeMap<String, Histogram> histograms = new TreeMap<>();
        histograms.put("api", h);
        List<PoolSummary> pools = List.of(
                new PoolSummary("api", 1, 8, 2, 3, 0, 3, 3, 0, 0, 30, RequestStats.NONE),
                new PoolSummary("batch", 1, 4, 1, 1, 0, 1, 1, 0, 0, 10, RequestStats.NONE));
        return new RunResult(new RunHeader("spool", 7, "sim", "reserved", 5000.0, 99, 20.0), pools, List.of(),
                timeline, events, histograms, List.of());
    }

    private List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void spilledTimelineAndEventsWriteTheSameBytesAsTheInMemoryOnes() throws IOException {
        List<TimelineRow> rows = rows(3_000, 11);
        List<OrchestrationEvent> events = events(2_000, 12);
        Path spill = Files.createDirectory(dir.resolve("spill"));
        RunResult inMemory = result(Timeline.of(rows), SpooledRows.of(events));
        Timeline timeline = Timeline.recording(SpillFiles.in(spill, "t-").withMemoryRows(100));
        rows.forEach(timeline::append);
        SpooledRows<OrchestrationEvent> spooled = SpooledRows.events(SpillFiles.in(spill, "e-").withMemoryRows(10));
        events.forEach(spooled::append);
        assertTrue(timeline.spillFiles().size() >= 1 && spooled.spillFile().isPresent(), "the bound was exceeded");
        assertEquals(rows, timeline.toList(), "every row read back equal, in order");
        assertEquals(events, spooled.toList());

        List<Path> a = RunReportWriter.write(dir.resolve("a"), inMemory, RunInfo.capture(1, 99));
        List<Path> b;
        try (RunResult onDisk = result(timeline, spooled)) {
            b = RunReportWriter.write(dir.resolve("b"), onDisk, RunInfo.capture(1, 99));
        }
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).getFileName().toString().equals("run-info.json")) {
                assertArrayEquals(Files.readAllBytes(a.get(i)), Files.readAllBytes(b.get(i)),
                        a.get(i).getFileName().toString());
            }
        }
        assertEquals(List.of(), names(spill), "closing the result deleted the spill files");
        assertThrows(IllegalStateException.class, () -> timeline.iterator(), "the rows are gone after close");
    }

    @Test
    void spillFilesAreDeletedWhenWritingFails() throws IOException {
        Path spill = Files.createDirectory(dir.resolve("spill"));
        Timeline timeline = Timeline.recording(SpillFiles.in(spill, "t-").withMemoryRows(5));
        rows(100, 3).forEach(timeline::append);
        assertFalse(names(spill).isEmpty());
        Path notAFolder = Files.writeString(dir.resolve("file"), "x");
        try (RunResult r = result(timeline, SpooledRows.of(List.of()))) {
            assertThrows(ReportFolderException.class, () -> RunReportWriter.write(notAFolder, r, RunInfo.capture(1, 1)));
        }
        assertEquals(List.of(), names(spill));
    }

    @Test
    void discardedRowsKeepTheCountTheChartAndTheWarmup() {
        List<TimelineRow> rows = rows(3_000, 5);
        Timeline kept = Timeline.of(rows);
        Timeline summaryOnly = Timeline.recording(SpillFiles.in(dir, "d-").discardingRows());
        rows.forEach(summaryOnly::append);

        assertEquals(rows.size(), summaryOnly.size());
        assertFalse(summaryOnly.rowsKept());
        assertThrows(IllegalStateException.class, summaryOnly::toList);
        assertEquals(kept.charts(), summaryOnly.charts());
        assertEquals(kept.warmupCutNanos("api"), summaryOnly.warmupCutNanos("api"));
        summaryOnly.close();
        assertEquals(kept.warmupCutNanos("batch"), summaryOnly.warmupCutNanos("batch"), "still known after close");
    }

    @Test
    void refusesRowsOutOfTimeThenPoolOrder() {
        Timeline t = Timeline.recording(SpillFiles.in(dir, "o-"));
        t.append(new TimelineRow(2 * S, "b", 0, 0, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> t.append(new TimelineRow(2 * S, "a", 0, 0, 0, 0, 0, 0, 0)));
        assertThrows(IllegalArgumentException.class, () -> t.append(new TimelineRow(S, "c", 0, 0, 0, 0, 0, 0, 0)));
    }

    /** The documented rule, computed directly: blocks of k from the first sample, maxima at the last one's time. */
    private static List<TimelineRow> expectedChart(List<TimelineRow> samples, int k) {
        List<TimelineRow> out = new ArrayList<>();
        for (int from = 0; from < samples.size(); from += k) {
            List<TimelineRow> block = samples.subList(from, Math.min(samples.size(), from + k));
            TimelineRow last = block.get(block.size() - 1);
            out.add(new TimelineRow(last.timeNanos(), last.pool(),
                    block.stream().mapToInt(TimelineRow::workers).max().getAsInt(),
                    block.stream().mapToInt(TimelineRow::reserved).max().getAsInt(),
                    block.stream().mapToInt(TimelineRow::inFlight).max().getAsInt(),
                    block.stream().mapToInt(TimelineRow::queueDepth).max().getAsInt(),
                    block.stream().mapToDouble(TimelineRow::utilization).max().getAsDouble(),
                    block.stream().mapToLong(TimelineRow::arrivals).max().getAsLong(),
                    block.stream().mapToLong(TimelineRow::rejections).max().getAsLong()));
        }
        return out;
    }

    @Test
    void chartCopyIsBoundedAndFollowsTheDocumentedRule() {
        for (int n : new int[] {1, 2047, 2048, 2049, 4095, 4096, 10_000, 100_003}) {
            List<TimelineRow> rows = rows(n, n);
            Timeline t = Timeline.of(rows);
            Timeline.Chart chart = t.charts().get("api");
            int k = 1;
            while (n / k >= Timeline.CHART_POINTS) {
                k *= 2; // the smallest power of two leaving fewer than CHART_POINTS whole blocks
            }
            List<TimelineRow> api = rows.stream().filter(r -> r.pool().equals("api")).toList();
            assertEquals(k, chart.samplesPerPoint(), "n=" + n);
            assertEquals(n, chart.samples());
            assertTrue(chart.points().size() <= Timeline.CHART_POINTS, "n=" + n + ": " + chart.points().size());
            assertEquals(expectedChart(api, k), chart.points(), "n=" + n);
            assertEquals(k > 1, chart.decimated());
        }
    }

    @Test
    void exactWarmupCutAgreesWithTheReferenceMser() {
        for (long seed = 1; seed <= 60; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            int n = 10 + r.nextInt(3_000);
            int transient_ = r.nextInt(n / 2 + 1);
            List<TimelineRow> rows = new ArrayList<>();
            double[] depths = new double[n];
            for (int i = 0; i < n; i++) {
                // A falling start (a warm-up to cut), then noise around a level; sometimes all flat.
                int depth = seed % 7 == 0 ? 3 : (i < transient_ ? (transient_ - i) * 3 : 0) + r.nextInt(20);
                depths[i] = depth;
                rows.add(new TimelineRow((i + 1) * S, "api", 1, 0, 0, depth, 0.5, 1, 0));
            }
            int cut = Mser.truncation(depths);
            OptionalLong expected = cut > 0 ? OptionalLong.of(rows.get(cut).timeNanos()) : OptionalLong.empty();
            assertEquals(expected, Timeline.of(rows).warmupCutNanos("api"), "seed " + seed + ", n " + n);
        }
    }

    @Test
    void rowsRoundTripThroughTheSpillFileExactly() {
        SpooledRows<OrchestrationEvent> s = SpooledRows.events(SpillFiles.in(dir, "r-").withMemoryRows(0));
        List<OrchestrationEvent> all = new ArrayList<>(events(50, 9));
        all.add(new OrchestrationEvent(Long.MAX_VALUE, "", "bootstrap", "completed", "x".repeat(70_000)));
        all.add(new OrchestrationEvent(0, "api", "autoscale", "scale_up", "", Optional.of(
                new OrchestrationEvent.Autoscale(Integer.MIN_VALUE, Integer.MAX_VALUE, -1, Long.MIN_VALUE, 0))));
        all.forEach(s::append);
        assertEquals(all, s.toList());
        assertEquals(all, s.toList(), "read again");
        Path file = s.spillFile().orElseThrow();
        s.close();
        assertFalse(Files.exists(file));
        s.close(); // idempotent
    }

    @Test
    void deadProcessesTemporarySpillFilesAreSweptOthersKept() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long dead = p.pid();
        Path deadFile = Files.createFile(dir.resolve("caniclab-spill-" + dead + "-1.bin"));
        Path mine = Files.createFile(dir.resolve("caniclab-spill-" + ProcessHandle.current().pid() + "-1.bin"));
        Path other = Files.createFile(dir.resolve("caniclab-spill-x.bin"));
        SpillFiles.sweepDeadProcesses(dir);
        assertFalse(Files.exists(deadFile));
        assertTrue(Files.exists(mine) && Files.exists(other));
    }
}
