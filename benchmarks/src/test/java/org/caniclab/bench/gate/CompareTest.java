package org.caniclab.bench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.caniclab.bench.gate.Compare.Row;
import org.caniclab.bench.gate.Compare.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareTest {
    @TempDir
    Path dir;

    /** A one-result JMH file: benchmark A.b with the given median time and bytes per op. */
    private static String run(double nanos, double bytes) {
        return String.format(Locale.ROOT, """
                [{"benchmark": "org.caniclab.bench.A.b", "mode": "avgt", "params": {"n": "10"},
                  "primaryMetric": {"score": %1$s, "scoreError": 0.1, "scoreUnit": "ns/op", "rawData": [[%1$s]]},
                  "secondaryMetrics": {"gc.alloc.rate.norm": {"score": %2$s, "scoreUnit": "B/op"}}}]""",
                nanos, bytes);
    }

    private static Row compare(double[] base, double[] candidate, double baseBytes, double candBytes) {
        List<List<BenchmarkResult>> b = new ArrayList<>();
        List<List<BenchmarkResult>> c = new ArrayList<>();
        for (int k = 0; k < base.length; k++) {
            b.add(JmhResults.parse(run(base[k], baseBytes), "b").results());
            c.add(JmhResults.parse(run(candidate[k], candBytes), "c").results());
        }
        List<Row> rows = Compare.compare(b, c, 0.10);
        assertEquals(1, rows.size());
        return rows.get(0);
    }

    @Test
    void consistentlySlowerCandidateIsSlower() {
        Row r = compare(new double[] {100, 120, 90}, new double[] {125, 150, 110}, 0, 0);
        assertEquals(Verdict.SLOWER, r.verdict());
        assertEquals(1.25, r.medianRatio(), 1e-9);
        assertTrue(r.regressed());
    }

    @Test
    void oneDisturbedRoundDecidesNothing() {
        // rounds 1 and 3 unchanged; round 2 the machine stalled during the candidate's run
        Row r = compare(new double[] {100, 100, 100}, new double[] {101, 300, 99}, 0, 0);
        assertEquals(Verdict.SAME, r.verdict());
    }

    @Test
    void slowerMedianWithMixedRoundsIsNotEnough() {
        // median ratio 1.2, but two of four rounds went the other way
        Row r = compare(new double[] {100, 100, 100, 100}, new double[] {120, 125, 95, 90}, 0, 0);
        assertEquals(Verdict.SAME, r.verdict());
    }

    @Test
    void consistentlyFasterCandidateIsFaster() {
        Row r = compare(new double[] {100, 100, 100}, new double[] {50, 60, 55}, 0, 0);
        assertEquals(Verdict.FASTER, r.verdict());
        assertFalse(r.regressed());
    }

    @Test
    void newAllocationOnTheHotPathIsARegressionEvenAtTheSameSpeed() {
        Row r = compare(new double[] {100, 100, 100}, new double[] {100, 100, 100}, 226, 266);
        assertEquals(Verdict.SAME, r.verdict());
        assertTrue(r.allocatesMore());
        assertTrue(r.regressed());
        assertFalse(compare(new double[] {100}, new double[] {100}, 226, 230).allocatesMore());
    }

    @Test
    void bookkeepingBytesOfASlowerRunAreNotANewAllocation() {
        // The 2 ms linear scan, one build disturbed: 2.46x the time, and JMH's per-iteration bytes spread
        // over 2.46x fewer operations.
        Row r = compare(new double[] {2_000_000}, new double[] {4_920_000}, 13, 32);
        assertFalse(r.allocatesMore());
    }

    @Test
    void jmhBytesOnAWholeReplayAreNotANewAllocationButAnObjectPerEventIs() {
        // SimulatorBenchmark.perRound, two runs of the same jar: medians 200 991 and 204 545 B/op, the
        // difference JMH's own bytes (counted on every thread by -prof gc) spread over the replays.
        assertFalse(compare(new double[] {18_000_000}, new double[] {18_000_000}, 200_991, 204_545).allocatesMore());
        // A 16-byte object on each of its 201 448 events: 3.2 MB more per replay.
        assertTrue(compare(new double[] {18_000_000}, new double[] {18_000_000}, 200_991, 3_424_159).allocatesMore());
        // 3% of the base, and no less than the 8 bytes below 267 B/op.
        assertTrue(compare(new double[] {100}, new double[] {100}, 200_000, 206_001).allocatesMore());
        assertTrue(compare(new double[] {100}, new double[] {100}, 100, 109).allocatesMore());
    }

    @Test
    void commandLineExitsOneOnARegressionAndTwoOnBadUsage() throws Exception {
        List<String> base = new ArrayList<>();
        List<String> cand = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            Path b = dir.resolve("base-" + k + ".json");
            Path c = dir.resolve("candidate-" + k + ".json");
            Files.writeString(b, run(100, 0));
            Files.writeString(c, run(150, 0));
            base.add(b.toString());
            cand.add(c.toString());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        Path md = dir.resolve("compare.md");
        int code = Compare.run(new String[] {"--base", String.join(",", base), "--candidate", String.join(",", cand),
            "--markdown", md.toString()}, ps, ps);
        assertEquals(1, code, out.toString(StandardCharsets.UTF_8));
        assertTrue(Files.readString(md).contains("| A.b | n=10 | 1.50 1.50 1.50 | 1.50x | slower | 0.00 → 0.00 |"),
                Files.readString(md));
        assertEquals(2, Compare.run(new String[] {"--base", base.get(0)}, ps, ps));
        assertEquals(2, Compare.run(new String[] {"--base", base.get(0), "--candidate", cand.get(0),
            "--threshold", "7"}, ps, ps));
    }
}
