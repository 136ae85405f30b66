package org.caniclab.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportWriterTest {

    @TempDir
    Path dir;

    private List<Path> write(Path out) throws IOException {
        return RunReportWriter.write(out, Fixtures.smallRun(), RunInfo.capture(0.5, 1234));
    }

    private List<String> fileNames(Path out) throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void createsDirectoryAndReturnsFilesInStableOrder() throws IOException {
        Path out = dir.resolve("nested/run");

        List<Path> written = write(out);

        assertEquals(List.of("summary.json", "summary.txt", "timeline.csv", "events.csv", "metrics.csv",
                "latency-api.hgrm", "index.html", "run-info.json"),
                written.stream().map(p -> p.getFileName().toString()).toList());
        for (Path p : written) {
            assertEquals(out.resolve(p.getFileName()), p);
            assertTrue(Files.isRegularFile(p), p.toString());
        }
    }

    @Test
    void twoWritesOfTheSameResultAreByteIdenticalExceptRunInfo() throws IOException {
        List<Path> first = write(dir.resolve("a"));
        List<Path> second = RunReportWriter.write(dir.resolve("b"), Fixtures.smallRun(), RunInfo.capture(9.0, 1));

        assertEquals(first.size(), second.size());
        for (int i = 0; i < first.size(); i++) {
            if (!first.get(i).getFileName().toString().equals("run-info.json")) {
                assertArrayEquals(Files.readAllBytes(first.get(i)), Files.readAllBytes(second.get(i)),
                        first.get(i).getFileName().toString());
            }
        }
    }

    @Test
    void reportFilesAreReadableByEveryone() throws IOException {
        for (Path f : write(dir)) {
            if (Files.getFileStore(f).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
                assertEquals("rw-r--r--",
                        java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
            }
        }
    }

    @Test
    void writesTimelineSortedByTimeThenPool() throws IOException {
        write(dir);

        assertEquals("""
                time_s,pool,workers,reserved,in_flight,queue_depth,utilization,arrivals,rejections
                0.5,api,1,2,2,4,0.25,7,0
                1,api,3,0,0,0,0.3333,3,1
                1,web,1,0,0,0,0,0,0
                """, Files.readString(dir.resolve("timeline.csv")));
    }

    @Test
    void writesEventsInGivenOrderWithQuotedDetail() throws IOException {
        write(dir);

        assertEquals("""
                time_s,pool,call,outcome,desired,workers,reserved,arrivals,calls,detail
                0,api,bootstrap,completed,,,,,,
                0.25,api,create_worker,failed,,,,,,"reject: ""subnet full"", retry"
                """, Files.readString(dir.resolve("events.csv")));
    }

    @Test
    void writesMetricRowsInGivenOrder() throws IOException {
        write(dir);

        assertEquals("""
                operation,outcome,reason,count
                create_worker,started,,3
                create_worker,skipped,at_max_workers,1
                """, Files.readString(dir.resolve("metrics.csv")));
    }

    @Test
    void writesParseablePercentileFileOnlyForPoolsWithHistogram() throws IOException {
        write(dir);

        assertFalse(Files.exists(dir.resolve("latency-web.hgrm")));
        List<String> lines = Files.readAllLines(dir.resolve("latency-api.hgrm"));
        assertEquals(List.of("Value", "Percentile", "TotalCount", "1/(1-Percentile)"),
                List.of(lines.get(0).trim().split("\\s+")));
        List<String[]> rows = lines.stream().skip(1)
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.trim().split("\\s+"))
                .toList();
        assertFalse(rows.isEmpty());
        String[] last = rows.get(rows.size() - 1);
        assertEquals(3.0, Double.parseDouble(last[0]), 0.01);        // value in ms
        assertEquals(1.0, Double.parseDouble(last[1]));               // percentile
        assertEquals(3, Long.parseLong(last[2]));                     // total count
        for (String[] row : rows) {
            for (String cell : row) {
                Double.parseDouble(cell);
            }
        }
        assertTrue(lines.stream().anyMatch(l -> l.matches("#\\[Mean\\s+=\\s+2\\.00\\d, .*")), lines.toString());
    }

    @Test
    void leavesNoTemporaryFiles() throws IOException {
        write(dir);
        write(dir);

        assertEquals(List.of("events.csv", "index.html", "latency-api.hgrm", "metrics.csv", "run-info.json", "summary.json",
                "summary.txt", "timeline.csv"), fileNames(dir));
    }

    @Test
    void replacesAnEarlierReportWholeExtraFilesIncluded() throws IOException {
        Files.writeString(dir.resolve("summary.json"), "stale");
        Files.writeString(dir.resolve("notes.txt"), "from an earlier run");
        Files.writeString(dir.resolve("latency-gone.hgrm"), "a pool the new run does not have");

        write(dir);

        assertTrue(Files.readString(dir.resolve("summary.json")).startsWith("{\n  \"scenario\": \"burst\""));
        assertEquals(List.of("events.csv", "index.html", "latency-api.hgrm", "metrics.csv", "run-info.json", "summary.json",
                "summary.txt", "timeline.csv"), fileNames(dir));
    }

    @Test
    void failedWriteKeepsPreviousContentAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("summary.json");
        Files.writeString(target, "previous");

        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half".getBytes());
            throw new IOException("interrupted");
        }));

        assertEquals("previous", Files.readString(target));
        assertEquals(List.of("summary.json"), fileNames(dir));
    }

    @Test
    void writesSummaryTextAsPrintedByTheCli() throws IOException {
        RunResult run = Fixtures.smallRun();
        run = run.withExpectations(List.of(
                Expectation.parse("pools.api.overshoot_peak == 0").evaluate(SummaryPaths.toJson(run)),
                Expectation.parse("pools.web.workers_peak <= 1").evaluate(SummaryPaths.toJson(run))));
        RunReportWriter.write(dir, run, RunInfo.capture(1.0, 1));

        String expected = """
                scenario           burst
                seed               42
                backend            sim
                mode               reserved
                simulated seconds  1.5
                events             1234
                warm-up            0s (MSER-5 suggests 0s)

                pools
                      workers                 creates                requests                 latency ms
                pool  final  peak  max  over  started  done  failed  arrived  done  rejected    p50    p99  P(wait)    util
                api       2     3    2     1        3     3       0       10     9         1  1.000  3.000   0.2500  0.1235
                web       1     1    -     0        1     1       0        0     0         0      —      —        —  0.0000

                canic metrics
                operation      outcome  reason          count
                create_worker  started                      3
                create_worker  skipped  at_max_workers      1

                expectations
                result  expectation                    measured
                FAIL    pools.api.overshoot_peak == 0  1
                PASS    pools.web.workers_peak <= 1    1
                1 of 2 expectations not met
                """;
        assertEquals(expected, RunReportWriter.summaryText(run));
        assertEquals(expected, Files.readString(dir.resolve("summary.txt")));
    }

    @Test
    void rejectsPoolNamesThatClashAsFileNamesBeforeWritingAnything() {
        RunResult base = Fixtures.smallRun();
        TreeMap<String, Histogram> clash = new TreeMap<>();
        clash.put("a/b", new Histogram(3));
        clash.put("a:b", new Histogram(3));
        RunResult run = new RunResult(base.header(), base.pools(), base.metrics(), base.timeline(), base.events(),
                clash, base.expectations());

        assertThrows(IllegalArgumentException.class, () -> RunReportWriter.write(dir.resolve("x"), run,
                RunInfo.capture(1, 1)));
        assertFalse(Files.exists(dir.resolve("x")));
    }
}
