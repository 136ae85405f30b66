package org.caniclab.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM and SIGINT during a long replay, and SIGTERM during a sweep, of a real child JVM: the command stops at the
 * next event batch, prints one line on stderr, exits 143 or 130, leaves the previous report exactly as it was, and
 * leaves nothing beside it (no lock, no staging folder, no spill file) — the replay's spill file existed before the
 * signal, so its deletion is tested too.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InterruptTest {
    @TempDir
    Path dir;
    Path out;
    int launched;

    @BeforeEach
    void setUp() {
        Assumptions.assumeFalse(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win"),
                "signals are POSIX");
        out = dir.resolve("reports").resolve("run");
    }

    private static Map<String, String> snapshot(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(folder)) {
            for (Path p : list.toList()) {
                files.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        return files;
    }

    private List<String> beside() throws IOException {
        try (Stream<Path> list = Files.list(out.getParent())) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Whether this JVM was started with SIGINT ignored (a background job of a non-interactive shell). */
    private static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & 0x2) != 0;
            }
        }
        return false;
    }

    private Process child(String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>();
        if (sigintIgnored()) {
            // An ignored SIGINT is inherited and the JVM then installs no handler for it; perl restores the default
            // disposition before exec, as an interactive shell would have it.
            cmd.addAll(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die"));
        }
        cmd.addAll(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "org.caniclab.sim.cli.Main"));
        cmd.addAll(List.of(args));
        int n = launched++;
        return new ProcessBuilder(cmd).redirectOutput(dir.resolve("child-" + n + ".out").toFile())
                .redirectError(dir.resolve("child-" + n + ".err").toFile()).start();
    }

    private String err(int n) throws IOException {
        return Files.readString(dir.resolve("child-" + n + ".err"));
    }

    /** Waits until a file whose name starts with {@code prefix} appears beside the report folder. */
    private void await(Process p, String prefix, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (beside().stream().noneMatch(f -> f.startsWith(prefix))) {
            if (!p.isAlive()) {
                fail("the child ended before " + prefix + " appeared: " + err(n));
            }
            if (System.nanoTime() > deadline) {
                fail("no " + prefix + "* within 40 s; beside: " + beside());
            }
            Thread.sleep(20);
        }
    }

    private void signal(Process p, String signal) throws Exception {
        if (signal.equals("TERM")) {
            p.destroy(); // SIGTERM
        } else {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start();
            assertEquals(0, kill.waitFor(), "kill -" + signal);
        }
    }

    @Test
    void sigtermAndSigintStopALongReplayAndKeepThePreviousReport() throws Exception {
        Path scenario = Path.of("..", "scenarios", "steady.toml").toAbsolutePath().normalize();
        Cli.Result first = Cli.real("replay", scenario.toString(), "--out", out.toString(), "-q");
        assertEquals(0, first.exit(), first.err());
        Map<String, String> previous = snapshot(out);

        for (String signal : List.of("TERM", "INT")) {
            Assumptions.assumeTrue(!signal.equals("INT") || !sigintIgnored() || perl(),
                    "SIGINT is ignored in this JVM and perl is missing to restore it for the child");
            int n = launched;
            Process p = child("replay", scenario.toString(), "--set", "run.duration=1000h", "--out", out.toString());
            // A spill file beside the folder: the run is well under way, past its rows' memory bound.
            await(p, ".run.spill-" + p.pid() + "-", n);
            long sent = System.nanoTime();
            signal(p, signal);
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the replay ends after SIG" + signal);
            double seconds = (System.nanoTime() - sent) / 1e9;

            assertEquals(signal.equals("TERM") ? 143 : 130, p.exitValue(), err(n));
            List<String> lines = err(n).lines().filter(l -> !l.startsWith("progress: ")).toList();
            assertEquals(1, lines.size(), err(n));
            assertTrue(lines.get(0).startsWith("interrupted: the run stopped at "), lines.get(0));
            assertTrue(lines.get(0).endsWith("nothing was written (" + out + " is as it was)"), lines.get(0));
            assertEquals(previous, snapshot(out), "SIG" + signal + ": the previous report is kept whole");
            assertEquals(List.of("run"), beside(), "SIG" + signal + ": nothing left beside the report");
            assertTrue(seconds < 10, "stopped promptly: " + seconds + " s");
        }
    }

    @Test
    void theSpillFilesOfAKilledReplayAreDeletedByTheNextRunIntoTheFolder() throws Exception {
        Path scenario = Path.of("..", "scenarios", "steady.toml").toAbsolutePath().normalize();
        Cli.Result first = Cli.real("replay", scenario.toString(), "--out", out.toString(), "-q");
        assertEquals(0, first.exit(), first.err());
        Map<String, String> previous = snapshot(out);
        int n = launched;
        Process p = child("replay", scenario.toString(), "--set", "run.duration=1000h", "--out", out.toString());
        await(p, ".run.spill-" + p.pid() + "-", n);
        p.destroyForcibly(); // SIGKILL: no hook runs
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertTrue(beside().stream().anyMatch(f -> f.startsWith(".run.spill-")), "left by the kill: " + beside());

        Cli.Result next = Cli.real("replay", scenario.toString(), "--out", out.toString(), "-q");
        assertEquals(0, next.exit(), next.err());
        assertEquals(List.of("run"), beside(), "the next run cleaned up");
        Map<String, String> again = snapshot(out);
        previous.remove("run-info.json"); // wall time
        again.remove("run-info.json");
        assertEquals(previous, again, "same scenario and seed: the same report");
    }

    @Test
    void sigtermStopsASweepAndWritesNothing() throws Exception {
        Path scenario = Path.of("..", "scenarios", "steady.toml").toAbsolutePath().normalize();
        Files.createDirectories(out.getParent());
        int n = launched;
        Process p = child("sweep", scenario.toString(), "--set", "run.duration=1000h", "-r", "4", "--parallel", "2",
                "--out", out.toString());
        await(p, ".run.lock", n);
        Thread.sleep(1500); // the runs are under way
        signal(p, "TERM");
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the sweep ends after SIGTERM");

        assertEquals(143, p.exitValue(), err(n));
        List<String> lines = err(n).lines().filter(l -> !l.startsWith("progress: ")).toList();
        assertEquals(List.of("interrupted: the sweep stopped before its end; nothing was written (" + out
                + " is as it was)"), lines);
        assertEquals(List.of(), beside(), "no folder, lock or spill file");
    }

    private static boolean perl() {
        try {
            return new ProcessBuilder("perl", "-e", "exit 0").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
