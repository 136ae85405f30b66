package org.caniclab.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.caniclab.reports.ReportFolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay --out}: checked and locked before the run; a report replaces the folder's earlier one whole. */
class ReplayOutTest {
    private static final String ACCEPTED = "; accepted: a path that does not exist yet, an empty folder or an earlier "
            + "report folder (with summary.json, run-info.json or sweep.json), inside a folder that can be written";

    @TempDir
    Path dir;
    Path scenario;

    @BeforeEach
    void writeScenario() throws IOException {
        scenario = Files.writeString(dir.resolve("case.toml"), """
                [pools.api]
                canister_role = "api_worker"
                policy = {min_workers = 1, max_workers = 2}
                """);
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Exit 2 with one line, before the run (the runner would fail the test), and nothing written in {@code dir}. */
    private void assertRefusedBeforeTheRun(String out, String line) throws IOException {
        List<String> before = names(dir);
        Cli.Result r = Cli.run(Cli.NEVER, "replay", scenario.toString(), "--out", out);
        assertEquals(2, r.exit(), r.err());
        assertEquals(List.of(line), r.errLines());
        assertEquals("", r.out());
        assertEquals(before, names(dir));
    }

    @Test
    void refusesAnExistingFile() throws IOException {
        Path file = Files.writeString(dir.resolve("afile"), "x");
        assertRefusedBeforeTheRun(file.toString(), "error: --out '" + file + "' is a file, not a folder" + ACCEPTED);
    }

    @Test
    void refusesAPathUnderAFile() throws IOException {
        Path file = Files.writeString(dir.resolve("afile"), "x");
        assertRefusedBeforeTheRun(file + "/sub", "error: --out '" + file + "/sub' cannot be created: " + file
                + " is a file, not a folder" + ACCEPTED);
    }

    @Test
    void refusesADanglingLink() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("link"), dir.resolve("gone"));
        assertRefusedBeforeTheRun(link.toString(), "error: --out '" + link + "' is a link to " + dir.resolve("gone")
                + ", which does not exist" + ACCEPTED);
    }

    @Test
    void refusesTheEmptyPath() throws IOException {
        assertRefusedBeforeTheRun("", "error: --out '' is empty" + ACCEPTED);
    }

    @Test
    void refusesADevice() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/dev/null")));
        assertRefusedBeforeTheRun("/dev/null", "error: --out '/dev/null' is a device or other special file, not a "
                + "folder" + ACCEPTED);
    }

    @Test
    void refusesAFolderThatTakesNoFiles() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")));
        assertRefusedBeforeTheRun("/proc/x", "error: --out '/proc/x' cannot be written: /proc takes no new files "
                + "(creating .x.lock in it: no such file or folder)" + ACCEPTED);
    }

    @Test
    void refusesAFolderThatHoldsNoReportAndLeavesItAlone() throws IOException {
        Path mine = Files.createDirectory(dir.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "keep me");
        assertRefusedBeforeTheRun(mine.toString(), "error: --out '" + mine + "' is a folder that holds no report (no "
                + "summary.json, run-info.json or sweep.json) and a report replaces the whole folder, so it is left alone"
                + ACCEPTED);
        assertEquals(List.of("notes.txt"), names(mine));
    }

    @Test
    void refusesAFolderAnotherWriterHoldsBeforeTheRun() throws IOException {
        Path out = dir.resolve("report");
        try (ReportFolder held = ReportFolder.lock(out)) {
            Cli.Result r = Cli.run(Cli.NEVER, "replay", scenario.toString(), "--out", out.toString());
            assertEquals(2, r.exit(), r.err());
            assertEquals(1, r.errLines().size(), r.err());
            assertTrue(r.err().startsWith("error: --out '" + out + "' is being written by another process (pid "
                    + ProcessHandle.current().pid() + ")"), r.err());
        }
        assertEquals(0, Cli.run(new Cli.Fake(1), "replay", scenario.toString(), "--out", out.toString(), "-q").exit());
    }

    @Test
    void aReportOverAnEarlierOneKeepsNoneOfItsFiles() throws IOException {
        Path out = dir.resolve("report");
        Files.writeString(scenario, Files.readString(scenario) + """
                [pools.web]
                canister_role = "web_worker"
                policy = {min_workers = 1, max_workers = 1}
                """);
        assertEquals(0, Cli.run(new Cli.Fake(1), "replay", scenario.toString(), "--out", out.toString(), "-q").exit());
        assertTrue(Files.exists(out.resolve("latency-web.hgrm")));
        Files.writeString(out.resolve("notes.txt"), "added by hand");
        Files.writeString(scenario, Files.readString(scenario).replaceAll("(?s)\\[pools\\.web].*", ""));

        Cli.Result r = Cli.run(new Cli.Fake(1), "replay", scenario.toString(), "--out", out.toString(), "-q");

        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("events.csv", "index.html", "latency-api.hgrm", "metrics.csv", "run-info.json", "summary.json",
                "summary.txt", "timeline.csv"), names(out));
        assertEquals(List.of("case.toml", "report"), names(dir), "no lock, staging or old folder beside it");
    }

    @Test
    void aRunThatFailsLeavesNoFolderItMade() throws IOException {
        Path out = dir.resolve("new/report");
        Cli.Result r = Cli.run((s, p) -> {
            throw new org.caniclab.sim.load.TraceFormatException(Path.of("t.csv"), 2, "bad row");
        }, "replay", scenario.toString(), "--out", out.toString());
        assertEquals(2, r.exit(), r.err());
        assertEquals(List.of("case.toml"), names(dir));
    }
}
