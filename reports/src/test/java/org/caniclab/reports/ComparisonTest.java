package org.caniclab.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paired and Welch intervals of a difference, against values worked out by hand (t quantiles from tables:
 * t(0.975, 2) = 4.302653, t(0.975, 100/29) = 2.960730), read from sweep folders written as the sweep writes them.
 */
class ComparisonTest {
    @TempDir
    Path dir;

    /** A sweep folder varying hub.mode over one value, with figure x per replication. */
    Path sweep(String name, List<Long> seeds, double... x) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        StringBuilder seedText = new StringBuilder();
        for (long s : seeds) {
            seedText.append(seedText.length() > 0 ? ", " : "").append(s);
        }
        Files.writeString(d.resolve("sweep.json"), "{\"scenario\": \"s\", \"vary\": [{\"key\": \"hub.mode\", "
                + "\"values\": [\"reserved\"]}], \"replications\": " + x.length + ", \"seeds\": [" + seedText + "]}\n");
        StringBuilder runs = new StringBuilder("hub.mode,replication,seed,x,only_" + name + "\n");
        for (int r = 0; r < x.length; r++) {
            runs.append("reserved,").append(r).append(',').append(seeds.get(r)).append(',').append(x[r]).append(",1\n");
        }
        Files.writeString(d.resolve("runs.csv"), runs.toString());
        return d;
    }

    @Test
    void sameSeedsArePairedByReplication() throws IOException {
        // d = b − a = (1, 2, 2): mean 5/3, sd √(1/3), half-width 4.302653 · √(1/3) / √3 = 1.434218.
        Comparison c = Comparison.of(sweep("a", List.of(1L, 5L, 9L), 1, 2, 3), sweep("b", List.of(1L, 5L, 9L), 2, 4, 5));
        assertTrue(c.sweeps());
        assertEquals(1, c.rows().size(), "only the shared figure x");
        Comparison.Row r = c.rows().get(0);
        assertEquals("hub.mode=reserved", r.variant());
        assertEquals(Comparison.Method.PAIRED, r.method());
        assertEquals(2.0, r.a(), 1e-12);
        assertEquals(11.0 / 3, r.b(), 1e-12);
        assertEquals(5.0 / 3, r.difference(), 1e-12);
        assertEquals(0.232449, r.lo(), 1e-6);
        assertEquals(3.100884, r.hi(), 1e-6);
        assertTrue(r.excludesZero());
    }

    @Test
    void otherSeedsGetWelchsInterval() throws IOException {
        // s²a = 1, s²b = 7/3; se² = 1/3 + 7/9 = 10/9; df = (10/9)² / ((1/3)²/2 + (7/9)²/2) = 100/29;
        // half-width 2.960730 · √(10/9) = 3.120884.
        Comparison c = Comparison.of(sweep("a", List.of(1L, 5L, 9L), 1, 2, 3), sweep("b", List.of(2L, 6L, 10L), 2, 4, 5));
        Comparison.Row r = c.rows().get(0);
        assertEquals(Comparison.Method.WELCH, r.method());
        assertEquals(5.0 / 3, r.difference(), 1e-12);
        assertEquals(-1.454217, r.lo(), 1e-6);
        assertEquals(4.787551, r.hi(), 1e-6);
        assertFalse(r.excludesZero());
        String md = c.markdown();
        assertTrue(md.startsWith("| variant | figure | a | b | b_minus_a | lo_95 | hi_95 | method | excludes_0 |\n"
                + "|---|---|---|---|---|---|---|---|---|\n"), md);
        assertTrue(md.contains("| hub.mode=reserved | x | 2 | 3.666666667 | 1.666666667 | -1.454217285 | 4.787550619 "
                + "| welch | no |"), md);
    }

    @Test
    void runsShowEveryFigureBothHaveWithTheDifference() throws IOException {
        Path a = Files.createDirectories(dir.resolve("ra"));
        Path b = Files.createDirectories(dir.resolve("rb"));
        Files.writeString(a.resolve("summary.json"), "{\"seed\": 1, \"events\": 10, \"pools\": {\"api\": "
                + "{\"workers_peak\": 4, \"x\": 1}}}");
        Files.writeString(b.resolve("summary.json"), "{\"seed\": 2, \"events\": 12.5, \"pools\": {\"api\": "
                + "{\"workers_peak\": 3}}}");
        Comparison c = Comparison.of(a, b);
        assertFalse(c.sweeps());
        assertEquals("""
                | figure | a | b | b_minus_a |
                |---|---|---|---|
                | events | 10 | 12.5 | 2.5 |
                | pools.api.workers_peak | 4 | 3 | -1 |
                """, c.markdown());
        Path csv = c.writeCsv(dir.resolve("c.csv"));
        assertEquals("figure,a,b,b_minus_a\nevents,10,12.5,2.5\npools.api.workers_peak,4,3,-1\n",
                Files.readString(csv));
    }

    @Test
    void badFoldersAreOneLineNamingTheFolder() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Comparison.Invalid e = assertThrows(Comparison.Invalid.class, () -> Comparison.of(empty, empty));
        assertTrue(e.getMessage().startsWith(empty + " holds neither summary.json nor sweep.json; accepted: "),
                e.getMessage());
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("summary.json"), "{}");
        Path s = sweep("s", List.of(1L), 1);
        e = assertThrows(Comparison.Invalid.class, () -> Comparison.of(run, s));
        assertTrue(e.getMessage().contains("is a run folder and") && e.getMessage().contains("a sweep folder"));
        Files.writeString(run.resolve("summary.json"), "{not json");
        e = assertThrows(Comparison.Invalid.class, () -> Comparison.of(run, run));
        assertTrue(e.getMessage().startsWith(run.resolve("summary.json") + " is not readable JSON"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
