package org.caniclab.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.caniclab.reports.ReportFolder;
import org.caniclab.reports.ReportFolderException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real {@code caniclab replay} (a child JVM) at many points of its write phase — SIGKILL between any two
 * files and between the renames of the swap, SIGTERM and SIGINT — and checks that the report folder then holds the
 * previous complete report or the new complete one, never a mix, and that nothing is left beside it once the next
 * writer has opened it. The child sleeps {@value #STEP_MS} ms after each file and each rename (a test-only system
 * property), so the kill points are spread over the whole write phase.
 */
@Timeout(value = 50, unit = TimeUnit.SECONDS)
class ReportKillTest {
    private static final long STEP_MS = 40;
    /** Pauses in a write of this scenario's report: 9 files, before the swap, after each of its two renames. */
    private static final int STEPS = 12;
    private static final String DELAY_PROPERTY = "caniclab.test.report-step-delay-ms";

    @TempDir
    Path dir;
    Path scenario;
    Path out;
    int launched;

    @BeforeEach
    void setUp() throws IOException {
        Assumptions.assumeFalse(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win"),
                "signals are POSIX");
        scenario = Files.writeString(dir.resolve("two-pools.toml"), """
                [run]
                duration = "5s"
                warmup = "0"
                sample_interval = "1s"

                [pools.api]
                canister_role = "api_worker"
                policy = { initial_workers = 1, min_workers = 1, max_workers = 2 }

                [pools.web]
                canister_role = "web_worker"
                policy = { initial_workers = 1, min_workers = 1, max_workers = 2 }

                [[load]]
                kind = "poisson"
                pool = "api"
                rate = 20

                [[load]]
                kind = "poisson"
                pool = "web"
                rate = 20
                """);
        out = dir.resolve("reports").resolve("run");
    }

    /** A report as its files' contents; run-info.json (wall time) only as present and non-empty. */
    private static Map<String, String> snapshot(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(folder)) {
            for (Path p : list.toList()) {
                String text = Files.readString(p);
                files.put(p.getFileName().toString(), p.getFileName().toString().equals("run-info.json")
                        ? (text.startsWith("{") && text.endsWith("}\n") ? "complete" : "broken: " + text) : text);
            }
        }
        return files;
    }

    private Process replay(long seed, Path folder, long stepMs) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-D" + DELAY_PROPERTY + "=" + stepMs, "-cp", System.getProperty("java.class.path"),
                "org.caniclab.sim.cli.Main", "replay", scenario.toString(), "--out", folder.toString(),
                "--seed", Long.toString(seed), "-q"));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child-" + launched++ + ".log").toFile()).start();
    }

    private Map<String, String> complete(long seed, Path folder) throws Exception {
        Process p = replay(seed, folder, 0);
        assertEquals(0, p.waitFor(), () -> log(launched - 1));
        return snapshot(folder);
    }

    private String log(int n) {
        try {
            return Files.readString(dir.resolve("child-" + n + ".log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Waits until the child has made its staging folder: its write phase has begun. */
    private void awaitWritePhase(Process p) throws Exception {
        Path staging = out.resolveSibling(".run.tmp-" + p.pid());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(staging)) {
            if (!p.isAlive()) {
                fail("the replay ended before its write phase: " + log(launched - 1));
            }
            if (System.nanoTime() > deadline) {
                fail("no write phase within 20 s");
            }
            Thread.sleep(1);
        }
    }

    private List<String> beside() throws IOException {
        try (Stream<Path> list = Files.list(out.getParent())) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aKilledReplayLeavesThePreviousOrTheNewReportWholeAndTheNextWriterCleansUp() throws Exception {
        Map<String, String> one = complete(1, dir.resolve("ref-1"));
        Map<String, String> two = complete(2, dir.resolve("ref-2"));
        assertFalse(one.equals(two), "the two seeds give different reports");
        assertEquals(9, one.size(), one.keySet().toString());
        assertEquals(one, complete(1, out));

        Map<String, String> previous = one;
        int keptPrevious = 0;
        int gotNew = 0;
        int restored = 0;
        // Kill points in the middle of every pause of the write phase, then two past its end (the run is whole by then).
        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i <= STEPS; i++) {
            offsets.add(i * STEP_MS + STEP_MS / 2);
        }
        offsets.add(3_000L);
        for (int i = 0; i < offsets.size(); i++) {
            Map<String, String> next = previous == one ? two : one;
            Process p = replay(next == one ? 1 : 2, out, STEP_MS);
            awaitWritePhase(p);
            if (i == 0) {
                // Another writer while this one holds the folder: refused at once, naming the holder.
                ReportFolderException busy = assertThrows(ReportFolderException.class, () -> ReportFolder.lock(out));
                assertTrue(busy.getMessage().contains("is being written by another process (pid " + p.pid() + ")"),
                        busy.getMessage());
            }
            Thread.sleep(offsets.get(i));
            p.destroyForcibly(); // SIGKILL
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));

            // Right after the kill: the folder, if there, is one whole report; else the previous one waits as .old.
            Path old = out.resolveSibling(".run.old-" + p.pid());
            if (Files.exists(out)) {
                Map<String, String> now = snapshot(out);
                assertTrue(now.equals(previous) || now.equals(next), "kill at +" + offsets.get(i) + " ms: a mix "
                        + now.keySet());
            } else {
                assertEquals(previous, snapshot(old), "kill at +" + offsets.get(i) + " ms between the renames");
                restored++;
            }

            ReportFolder.lock(out).close(); // what the next replay does first
            assertEquals(List.of("run"), beside(), "kill at +" + offsets.get(i) + " ms: left beside the report");
            Map<String, String> after = snapshot(out);
            if (after.equals(previous)) {
                keptPrevious++;
            } else {
                assertEquals(next, after, "kill at +" + offsets.get(i) + " ms");
                gotNew++;
                previous = next;
            }
        }
        System.out.println("ReportKillTest: " + offsets.size() + " SIGKILLs: previous report kept " + keptPrevious
                + ", new report " + gotNew + " (killed between the two renames, restored: " + restored + ")");
        assertTrue(keptPrevious > 0 && gotNew > 0, "the kills fell before and after the swap: kept " + keptPrevious
                + ", new " + gotNew + ", restored " + restored);
    }

    @Test
    void sigtermAndSigintDuringTheWriteLeaveTheNewReportWholeAndNothingBeside() throws Exception {
        Map<String, String> one = complete(1, out);
        Map<String, String> two = complete(2, dir.resolve("ref-2"));
        Map<String, String> previous = one;
        int signalled = 0;
        for (String signal : List.of("TERM", "INT", "TERM", "INT")) {
            Map<String, String> next = previous == one ? two : one;
            Process p = replay(next == one ? 1 : 2, out, STEP_MS);
            awaitWritePhase(p);
            Thread.sleep(signalled % 2 == 0 ? STEP_MS : STEP_MS * (STEPS - 2));
            if (p.isAlive()) {
                signalled++;
                Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start();
                assertEquals(0, kill.waitFor(), "kill -" + signal);
            }
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the replay ends after SIG" + signal);

            assertEquals(List.of("run"), beside(), "SIG" + signal + ": left beside the report " + Arrays.toString(
                    new String[] {log(launched - 1)}));
            assertEquals(next, snapshot(out), "SIG" + signal + " waits for the write and the swap");
            previous = next;
        }
        assertTrue(signalled >= 2, "signals reached replays in their write phase: " + signalled);
    }
}
