package org.caniclab.bench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as benchmarks/bench calls it: exit codes, stdout, the Markdown file. */
class GateCheckTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return GateCheck.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path fixture(String name) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, Fixtures.text(name));
        return p;
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void passingRunExitsZeroAndWritesTheTable() throws IOException {
        Path md = dir.resolve("bench/results.md");
        int code = run("--results", fixture(Fixtures.HEALTHY).toString(), "--gates",
                Fixtures.gatesToml().toString(), "--markdown", md.toString());
        assertEquals(0, code, stdout() + err);
        assertTrue(stdout().endsWith("gate checks: 12 met, 0 broken\n"), stdout());
        String table = Files.readString(md);
        assertTrue(table.contains("| benchmark | params | score | error | median | unit | ratio to reference | bytes/op |"));
        assertTrue(table.contains("| RegistryBenchmark.countByPoolIndexed | pools=10, workers=100000 | 25.3 | ± 5.06 | 8.00 | ns/op "
                + "| 5.00e-06x countByPoolLinear | 0.00 |"), table);
        assertTrue(table.contains("| PlanningBenchmark.decide | row=at_max | 1.50 | ± 0.300 | 1.50 | ns/op | reference | 0.00 |"), table);
        assertTrue(table.contains("| WorkflowBenchmark.createWorkerReserved |  | 231 | ± 46.3 | 230 | ns/op | 1.28x createWorkerSeed | 226 |"), table);
        // A throughput (replays per second) against its reference: the ratio is still of times, 55.2 / 33.3.
        assertTrue(table.contains("| SimulatorBenchmark.continuous |  | 33.0 | ± 4.80 | 33.3 | ops/s | 1.66x perRound | 715565 |"), table);
        assertTrue(table.contains("| SimulatorBenchmark.perRound |  | 54.1 | ± 22.2 | 55.2 | ops/s | reference | 202966 |"), table);
    }

    @Test
    void slowedRegistryExitsOneAndNamesTheCountByPoolGates() throws IOException {
        int code = run("--results", fixture(Fixtures.SLOWED_REGISTRY).toString(), "--gates",
                Fixtures.gatesToml().toString());
        assertEquals(1, code);
        String failures = stdout().substring(stdout().indexOf("FAILED: 2 gate check(s) out of 12:"));
        assertTrue(failures.contains("| index-count-flat | RegistryBenchmark.countByPoolIndexed | pools=10, workers=100000 | 27652x | ≤ 2.00x | FAIL |"), failures);
        assertTrue(failures.contains("| index-beats-linear | RegistryBenchmark.countByPoolLinear | pools=10, workers=100000 | 1.01x | ≥ 100x | FAIL |"), failures);
        assertTrue(!failures.contains("PASS"), failures);
        assertTrue(stdout().endsWith("gate checks: 10 met, 2 broken\n"), stdout());
    }

    @Test
    void badGateFileExitsTwoNamingFileAndKey() throws IOException {
        Path gates = dir.resolve("gates.toml");
        Files.writeString(gates, "[[allocation]]\nname = \"a\"\nprotects = \"p\"\nbenchmark = \"A.b\"\nmax_bytes = 1\n");
        assertEquals(2, run("--results", fixture(Fixtures.HEALTHY).toString(), "--gates", gates.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(gates + ": allocation[0].max_bytes: unknown key"), err.toString());
        assertEquals(2, run("--validate", gates.toString()));
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run("--results"));
        assertEquals(2, run("--gates", "gates.toml"));
        assertEquals(2, run("--frobnicate"));
        assertEquals(2, run("--results", dir.resolve("missing.json").toString(), "--gates", Fixtures.gatesToml().toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("missing.json: no such file"), err.toString());
    }

    @Test
    void validateAcceptsTheCheckedInFile() {
        assertEquals(0, run("--validate", Fixtures.gatesToml().toString()));
        assertEquals("gates.toml: 6 gates, 7 references\n", stdout());
    }
}
