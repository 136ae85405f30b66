package org.caniclab.sim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code caniclab compare} in-process on folders the CLI wrote: two sweeps with the same seeds are paired (the
 * difference's interval recomputed here from runs.csv), two runs show b − a, and a folder that is neither is exit 2
 * with one line.
 */
class CompareCliTest {
    @TempDir
    Path dir;

    @Test
    void twoSweepsWithTheSameSeedsArePairedByReplication() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        for (Path out : List.of(a, b)) {
            SweepTest.Run r = SweepTest.cli("sweep", SweepTest.steady().toString(), "--set", "run.duration=30s",
                    "--set", "load[0].rate=" + (out == a ? "60" : "90"), "--vary", "hub.mode=seed-0.33.3,reserved",
                    "-r", "4", "--quiet", "--out", out.toString());
            assertEquals(0, r.exit(), r.err());
        }
        Path csv = dir.resolve("diff.csv");
        SweepTest.Run r = SweepTest.cli("compare", a.toString(), b.toString(), "--csv", csv.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("| variant | figure | a | b | b_minus_a | lo_95 | hi_95 | method | excludes_0 |"),
                r.out());
        String arrived = "pools.api.requests.arrived";
        CSVRecord row = null;
        for (CSVRecord rec : records(csv)) {
            if (rec.get("variant").equals("hub.mode=reserved") && rec.get("figure").equals(arrived)) {
                row = rec;
            }
        }
        assertTrue(row != null, Files.readString(csv));
        assertEquals("paired", row.get("method"));
        // Recomputed from the two runs.csv: the per-replication differences of the reserved variant.
        List<Double> xa = column(a, "reserved", arrived);
        List<Double> xb = column(b, "reserved", arrived);
        double[] d = new double[4];
        double mean = 0;
        for (int i = 0; i < 4; i++) {
            d[i] = xb.get(i) - xa.get(i);
            mean += d[i] / 4;
        }
        double ss = 0;
        for (double x : d) {
            ss += (x - mean) * (x - mean);
        }
        double half = 3.182446 * Math.sqrt(ss / 3) / 2; // t(0.975, 3)
        assertEquals(mean, Double.parseDouble(row.get("b_minus_a")), 1e-6 * Math.abs(mean));
        assertEquals(mean - half, Double.parseDouble(row.get("lo_95")), 1e-5 * Math.abs(mean));
        assertEquals("yes", row.get("excludes_0"), "50% more load arrives: " + row);
        assertTrue(r.out().contains("| hub.mode=reserved | " + arrived + " | "), r.out());
    }

    @Test
    void twoRunsShowTheDifferenceAndBadFoldersAreExit2WithOneLine() throws IOException {
        Path a = dir.resolve("ra");
        Path b = dir.resolve("rb");
        assertEquals(0, SweepTest.cli("replay", SweepTest.steady().toString(), "--quiet", "--out", a.toString()).exit());
        assertEquals(0, SweepTest.cli("replay", SweepTest.steady().toString(), "--set", "pools.api.policy.min_workers=3",
                "--set", "pools.api.policy.initial_workers=3", "--set", "expect=[]", "--quiet", "--out", b.toString()).exit());
        SweepTest.Run r = SweepTest.cli("compare", a.toString(), b.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("| figure | a | b | b_minus_a |\n|---|---|---|---|\n"), r.out());
        assertTrue(r.out().contains("| pools.api.workers_final | 2 | 3 | 1 |"), r.out());

        Path nothing = Files.createDirectories(dir.resolve("nothing"));
        r = SweepTest.cli("compare", a.toString(), nothing.toString());
        assertEquals(2, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: " + nothing + " holds neither summary.json nor sweep.json"), r.err());
        r = SweepTest.cli("compare", a.toString(), dir.resolve("missing").toString());
        assertEquals(2, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    private static List<CSVRecord> records(Path csv) throws IOException {
        try (Reader in = Files.newBufferedReader(csv)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    private static List<Double> column(Path sweep, String mode, String figure) throws IOException {
        List<Double> out = new ArrayList<>();
        for (CSVRecord r : records(sweep.resolve("runs.csv"))) {
            if (r.get("hub.mode").equals(mode)) {
                out.add(Double.parseDouble(r.get(figure)));
            }
        }
        return out;
    }
}
