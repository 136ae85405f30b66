package org.caniclab.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick JIT and the move of long replays to the tiered one ({@link Jit}): which options are dropped, and real
 * child JVMs started as the launcher starts a replay, with a tiny threshold so that a short scenario counts as long.
 * The relaunched replay writes the same report as a direct one and says it ran tiered; its exit status, its output
 * and a SIGTERM sent to the first JVM all pass through.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JitTest {
    @TempDir
    Path dir;

    private static final Path STEADY = Path.of("..", "scenarios", "steady.toml").toAbsolutePath().normalize();

    @Test
    void dropsTheQuickOptionsAmongTheJvmsOnly() {
        assertEquals(List.of("java", "-Xshare:auto", "-jar", "c.jar", "replay", "s.toml"),
                Jit.withoutQuickOptions("java", List.of(Jit.QUICK_FLAG, Jit.QUICK_MARK, "-Xshare:auto", "-jar", "c.jar",
                        "replay", "s.toml")));
        // After -jar or the main class the arguments are the program's, kept as given.
        assertEquals(List.of("java", "-jar", "c.jar", "replay", Jit.QUICK_FLAG),
                Jit.withoutQuickOptions("java", List.of("-jar", "c.jar", "replay", Jit.QUICK_FLAG)));
        assertEquals(List.of("java", "-cp", "a:b", "-Dx=1", "org.x.Main", Jit.QUICK_MARK),
                Jit.withoutQuickOptions("java", List.of("-cp", "a:b", Jit.QUICK_MARK, "-Dx=1", Jit.QUICK_FLAG,
                        "org.x.Main", Jit.QUICK_MARK)));
        // A classpath value that looks like neither an option nor a class is not where the program starts.
        assertEquals(List.of("java", "-cp", "lib", "org.x.Main"),
                Jit.withoutQuickOptions("java", List.of("-cp", "lib", Jit.QUICK_FLAG, "org.x.Main")));
        assertEquals(List.of("java", "-XX:TieredStopAtLevel=4", "-jar", "c.jar"),
                Jit.withoutQuickOptions("java", List.of("-XX:TieredStopAtLevel=4", "-jar", "c.jar")));
    }

    @Test
    void aLongTraceCountsTowardsTheTieredJit() {
        // 16 bytes a row, two events a row: 160 MB of trace is 2·10^7 events on top of the scenario's own.
        assertEquals(1_000 + 20_000_000, Jit.estimatedEvents(1_000, 160_000_000L));
        assertTrue(Jit.estimatedEvents(0, 1_150_000_000L) > Jit.QUICK_MAX_EVENTS, "the stress case's trace");
        assertTrue(Jit.estimatedEvents(0, 1_000_000L) < Jit.QUICK_MAX_EVENTS, "a small trace");
        assertEquals(5.0, Jit.estimatedEvents(5, 0));
    }

    @Test
    void aSweepWhoseRunsTakeEveryCoreMayRunTenTimesLongerQuick() {
        int cores = Runtime.getRuntime().availableProcessors();
        // Measured on two cores only: one core keeps the replay's bound.
        long shared = cores < 2 ? Jit.QUICK_MAX_EVENTS : Jit.QUICK_MAX_EVENTS * Jit.SHARED_CORES_FACTOR;
        assertEquals(shared, Jit.quickMaxEvents(cores));
        assertEquals(shared, Jit.quickMaxEvents(cores + 3));
        if (cores > 1) {
            assertEquals(Jit.QUICK_MAX_EVENTS, Jit.quickMaxEvents(cores - 1), "a core left for the compiler");
        }
    }

    @Test
    void aSweepCountsTheWorkOfThisJvmOnly() {
        long base = Jit.QUICK_MAX_EVENTS;
        double over = base * 1.5; // above the replay's bound, below the shared-cores one
        int cores = Runtime.getRuntime().availableProcessors();
        // Local runs on every core: the higher bound (on two cores or more).
        assertEquals(cores < 2, Jit.sweepMoves(over, Math.max(cores, 1), false, false));
        // A cluster's runs are not this JVM's work; their --keep-runs re-runs are, one after another.
        assertFalse(Jit.sweepMoves(over * 100, 1, true, false));
        assertTrue(Jit.sweepMoves(over, Math.max(cores, 1), true, true));
        assertFalse(Jit.sweepMoves(base * 0.9, 1, true, true));
        // Local runs and their re-runs: both counted, at the replay's bound.
        assertTrue(Jit.sweepMoves(base * 0.6, Math.max(cores, 1), false, true));
        assertFalse(Jit.sweepMoves(base * 0.4, Math.max(cores, 1), false, true));
    }

    @Test
    void aLongSweepRunsTieredInANewJvmWithTheSameFiles() throws Exception {
        Path direct = dir.resolve("sweep-direct");
        Cli.Result d = Cli.real("sweep", STEADY.toString(), "--replications", "3", "--out", direct.toString(), "-q");
        assertEquals(0, d.exit(), d.err());

        Path relaunched = dir.resolve("sweep-relaunched");
        Process p = start("sweep-long", quickJvm("sweep", STEADY.toString(), "--replications", "3", "--parallel", "1",
                "--out", relaunched.toString()));
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), read("sweep-long.err"));
        assertTrue(read("sweep-long.out").contains("JIT tiered"), read("sweep-long.out"));
        assertEquals(report(direct), report(relaunched));

        // Under the threshold it stays in the quick JVM.
        List<String> cmd = quickJvm("sweep", STEADY.toString(), "--replications", "3", "--out",
                dir.resolve("sweep-quick").toString());
        cmd.remove("-D" + Jit.PROPERTY + ".quickMaxEvents=1000");
        Process q = start("sweep-short", cmd);
        assertTrue(q.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, q.exitValue(), read("sweep-short.err"));
        assertTrue(read("sweep-short.out").contains("JIT C1 only (TieredStopAtLevel=1)"), read("sweep-short.out"));
        assertEquals(report(direct), report(dir.resolve("sweep-quick")));
    }

    private List<String> quickJvm(String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", Jit.QUICK_FLAG, Jit.QUICK_MARK,
                "-D" + Jit.PROPERTY + ".quickMaxEvents=1000", "-cp", System.getProperty("java.class.path"),
                "org.caniclab.sim.cli.Main"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private Process start(String name, List<String> cmd) throws IOException {
        return new ProcessBuilder(cmd).redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile()).start();
    }

    private String read(String file) throws IOException {
        return Files.readString(dir.resolve(file));
    }

    private static Map<String, String> report(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(folder)) {
            for (Path p : list.toList()) {
                if (!p.getFileName().toString().equals("run-info.json")) {
                    files.put(p.getFileName().toString(), Files.readString(p));
                }
            }
        }
        return files;
    }

    @Test
    void aLongReplayRunsTieredInANewJvmWithTheSameReport() throws Exception {
        Path direct = dir.resolve("direct");
        Cli.Result d = Cli.real("replay", STEADY.toString(), "--out", direct.toString(), "-q");
        assertEquals(0, d.exit(), d.err());

        Path relaunched = dir.resolve("relaunched");
        Process p = start("long", quickJvm("replay", STEADY.toString(), "--out", relaunched.toString()));
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), read("long.err"));
        assertTrue(read("long.out").contains("report: " + relaunched),
                "the new JVM's output reaches the first one's stdout: " + read("long.out"));
        assertEquals(report(direct), report(relaunched));
        assertTrue(Files.readString(relaunched.resolve("run-info.json")).contains("\"jit\": \"tiered\""));

        // Under the threshold the replay stays in the quick JVM, and says so.
        Path quick = dir.resolve("quick");
        List<String> cmd = quickJvm("replay", STEADY.toString(), "--out", quick.toString(), "-q");
        cmd.remove("-D" + Jit.PROPERTY + ".quickMaxEvents=1000");
        Process q = start("short", cmd);
        assertTrue(q.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, q.exitValue(), read("short.err"));
        assertEquals(report(direct), report(quick));
        assertTrue(Files.readString(quick.resolve("run-info.json")).contains("\"jit\": \"C1 only (TieredStopAtLevel=1)\""));
    }

    @Test
    void aRelaunchedJvmNeverMovesAgainWhateverOptionsItInherits() throws Exception {
        // The quick options from the environment, which the new JVM inherits as they are: it must run the replay
        // itself (and say it has C1 only) instead of relaunching once more, and again, without end.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out = dir.resolve("inherited");
        ProcessBuilder b = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "org.caniclab.sim.cli.Main", "replay", STEADY.toString(), "--out", out.toString(), "-q")
                .redirectOutput(dir.resolve("inherited.out").toFile())
                .redirectError(dir.resolve("inherited.err").toFile());
        b.environment().put("JAVA_TOOL_OPTIONS", Jit.QUICK_FLAG + " " + Jit.QUICK_MARK + " -D" + Jit.PROPERTY
                + ".quickMaxEvents=1000");
        b.environment().remove(Jit.RELAUNCHED_ENV);
        Process p = b.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "relaunching without end");
        assertEquals(0, p.exitValue(), read("inherited.err"));
        assertTrue(Files.readString(out.resolve("run-info.json")).contains("\"jit\": \"C1 only (TieredStopAtLevel=1)\""));
    }

    @Test
    void theNewJvmsExitStatusAndErrorsPassThrough() throws Exception {
        // One request a round per worker against 60 a second: the queue overflows, "rejected == 0" fails (exit 1).
        Process p = start("failing", quickJvm("replay", STEADY.toString(), "--out", dir.resolve("f").toString(),
                "-q", "--set", "pools.api.service.capacity_per_round=1"));
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(Failures.EXPECTATION_FAILED, p.exitValue(), read("failing.err"));
        assertTrue(read("failing.err").contains("FAIL pools.api.requests.rejected == 0"), read("failing.err"));
    }

    @Test
    void sigtermToTheFirstJvmStopsTheRelaunchedReplay() throws Exception {
        Assumptions.assumeFalse(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win"),
                "signals are POSIX");
        Path out = dir.resolve("reports").resolve("run");
        Process p = start("signalled", quickJvm("replay", STEADY.toString(), "--set", "run.duration=1000h", "--out",
                out.toString()));
        // The relaunched JVM's spill file beside the folder: the long run is under way there.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (!spilling(out)) {
            assertTrue(p.isAlive(), "ended early: " + read("signalled.err"));
            assertTrue(System.nanoTime() < deadline, "no spill file within 40 s");
            Thread.sleep(20);
        }
        List<ProcessHandle> children = p.descendants().toList();
        assertFalse(children.isEmpty(), "the replay runs in a child JVM");
        p.destroy(); // SIGTERM to the first JVM only
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the first JVM ends after SIGTERM");
        assertEquals(143, p.exitValue(), read("signalled.err"));
        assertTrue(read("signalled.err").contains("interrupted: the run stopped at "), read("signalled.err"));
        for (ProcessHandle c : children) {
            assertFalse(c.isAlive(), "child " + c.pid() + " left running");
        }
        assertFalse(Files.exists(out), "nothing written");
        assertFalse(spilling(out), "no spill file left");
    }

    private static boolean spilling(Path out) throws IOException {
        if (!Files.isDirectory(out.getParent())) {
            return false;
        }
        try (Stream<Path> list = Files.list(out.getParent())) {
            return list.anyMatch(f -> f.getFileName().toString().startsWith(".run.spill-"));
        }
    }
}
