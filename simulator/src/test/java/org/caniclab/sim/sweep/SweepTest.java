package org.caniclab.sim.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import org.caniclab.sim.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The sweep's plan, its seeds, and the command's outputs: what they hold and that they do not depend on threads. */
class SweepTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    static Run cli(String... args) {
        CommandLine cli = Main.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    static Path steady() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("scenarios/steady.toml"))) {
                return p.resolve("scenarios/steady.toml");
            }
        }
        throw new IllegalStateException("no scenarios/steady.toml above " + Path.of("").toAbsolutePath());
    }

    @Test
    void variantsAreTheCrossProductFirstKeySlowest() {
        SweepPlan plan = new SweepPlan(Path.of("x.toml"), List.of("run.duration=10s"), List.of(
                new SweepPlan.Vary("hub.mode", List.of("seed-0.33.3", "reserved")),
                new SweepPlan.Vary("pools.api.policy.max_workers", List.of("2", "4", "8"))), 3, OptionalLong.empty());
        assertEquals(List.of(List.of("seed-0.33.3", "2"), List.of("seed-0.33.3", "4"), List.of("seed-0.33.3", "8"),
                List.of("reserved", "2"), List.of("reserved", "4"), List.of("reserved", "8")), plan.variants());
        assertEquals(List.of("run.duration=10s", "hub.mode=reserved", "pools.api.policy.max_workers=4"),
                plan.overridesOf(List.of("reserved", "4")));
        assertEquals(List.of(List.of()), new SweepPlan(Path.of("x.toml"), List.of(), List.of(), 1,
                OptionalLong.empty()).variants());
    }

    @Test
    void replicationZeroIsTheBaseSeedAndTheOthersAreDistinctNonNegativeSeeds() {
        for (long base : new long[] {0, 1, 42, Long.MAX_VALUE}) {
            assertEquals(base, SweepPlan.seedOf(base, 0));
            Set<Long> seen = new HashSet<>();
            for (int r = 0; r < 10_000; r++) {
                long s = SweepPlan.seedOf(base, r);
                assertTrue(s >= 0, "seed " + s + " of replication " + r);
                assertTrue(seen.add(s), "replication " + r + " repeats seed " + s + " (base " + base + ")");
            }
        }
        assertFalse(SweepPlan.seedOf(1, 1) == SweepPlan.seedOf(2, 1), "another base gives other seeds");
    }

    @Test
    void outputsAreByteIdenticalWhateverTheParallelism() throws IOException {
        Path one = dir.resolve("p1");
        Path three = dir.resolve("p3");
        for (Path out : List.of(one, three)) {
            Run r = cli("sweep", steady().toString(), "--set", "run.duration=30s", "--vary",
                    "pools.api.policy.max_workers=2,3", "--vary", "hub.mode=seed-0.33.3,reserved", "-r", "3",
                    "--parallel", out == one ? "1" : "3", "--out", out.toString(), "--quiet");
            assertEquals(0, r.exit(), r.err());
        }
        for (String f : List.of("runs.csv", "aggregate.csv", "sweep.json")) {
            assertArrayEquals(Files.readAllBytes(one.resolve(f)), Files.readAllBytes(three.resolve(f)), f);
        }
        List<String> runs = Files.readAllLines(one.resolve("runs.csv"));
        assertEquals(1 + 4 * 3, runs.size(), "a header and one row per run");
        assertTrue(runs.get(0).startsWith("pools.api.policy.max_workers,hub.mode,replication,seed,"), runs.get(0));
        assertTrue(runs.get(1).startsWith("2,seed-0.33.3,0,1,"), "replication 0 runs the scenario's seed: " + runs.get(1));
        String seedOfRep1 = runs.get(2).split(",")[3];
        assertEquals(seedOfRep1, runs.get(5).split(",")[3], "replication 1 has one seed in every variant");
    }

    @Test
    void aBadVaryValueIsRefusedBeforeAnythingRuns() {
        Path out = dir.resolve("bad");
        Run r = cli("sweep", steady().toString(), "--vary", "hub.mode=seed-0.33.3,fastest", "--out", out.toString());
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.err().lines().filter(l -> !l.isBlank() && !l.startsWith("Try ")).count(), r.err());
        assertTrue(r.err().contains("hub.mode"), r.err());
        assertFalse(Files.exists(out), "nothing is written");
    }

    @Test
    void aMalformedVaryIsAUsageError() throws IOException {
        for (String vary : List.of("hub.mode", "=a,b", "hub.mode=", "hub.mode=a,,b")) {
            Run r = cli("sweep", steady().toString(), "--vary", vary, "--out", dir.resolve("x").toString());
            assertEquals(2, r.exit(), vary + ": " + r.err());
            assertTrue(r.err().contains("--vary"), r.err());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void aSweepReplacesAnEarlierSweepWholeAndRefusesAFileAsItsFolder() throws IOException {
        Path out = dir.resolve("again");
        assertEquals(0, cli("sweep", steady().toString(), "--set", "run.duration=30s", "-r", "2", "--keep-runs",
                "--out", out.toString(), "--quiet").exit());
        assertTrue(Files.isDirectory(out.resolve("runs/v0-r1")));
        Run second = cli("sweep", steady().toString(), "--set", "run.duration=30s", "-r", "1", "--out", out.toString(),
                "--quiet");
        assertEquals(0, second.exit(), second.err());
        assertFalse(Files.exists(out.resolve("runs")), "nothing of the earlier sweep is left beside the new one");
        assertEquals(2, Files.readAllLines(out.resolve("runs.csv")).size());
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Run refused = cli("sweep", steady().toString(), "-r", "1", "--out", file.toString());
        assertEquals(2, refused.exit(), refused.err());
        assertEquals("x", Files.readString(file));
    }

    @Test
    void keepRunsWritesEachRunsReportAsReplayWould() throws IOException {
        Path out = dir.resolve("kept");
        Run r = cli("sweep", steady().toString(), "--set", "run.duration=30s", "-r", "2", "--keep-runs", "--out",
                out.toString(), "--quiet");
        assertEquals(0, r.exit(), r.err());
        Path replay = dir.resolve("replay");
        Run p = cli("replay", steady().toString(), "--set", "run.duration=30s", "--set", "expect=[]", "--out",
                replay.toString(), "--quiet");
        assertEquals(0, p.exit(), p.err());
        assertArrayEquals(Files.readAllBytes(replay.resolve("summary.json")),
                Files.readAllBytes(out.resolve("runs/v0-r0/summary.json")), "replication 0 is the scenario's run");
        assertTrue(Files.isRegularFile(out.resolve("runs/v0-r1/timeline.csv")));
    }
}
