package org.caniclab.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.caniclab.reports.ReportFolder;
import org.caniclab.reports.RunInfo;
import org.caniclab.reports.RunReportWriter;
import org.caniclab.reports.RunResult;
import org.caniclab.reports.SpillFiles;
import org.caniclab.sim.model.Scenario;
import org.caniclab.sim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A simulated run whose timeline and events spill past their memory bound gives the same report as one in memory. */
class SpillingRunTest {
    @TempDir
    Path dir;

    /** diurnal.toml (an autoscaler: many events) sampled every 100 ms: 7 200 timeline rows per pool. */
    private static Scenario scenario() {
        return ScenarioLoader.load(Path.of("..", "scenarios", "diurnal.toml"), List.of("run.sample_interval=100ms"));
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aSpilledRunWritesTheSameReportAsAnInMemoryOne() throws IOException {
        Scenario s = scenario();
        List<Path> spillFiles = new ArrayList<>();
        List<Path> spilled;
        try (RunResult r = new Simulator().run(s, new RunControl(ProgressListener.NONE,
                SpillFiles.temporary().withMemoryRows(50), () -> false))) {
            spillFiles.addAll(r.timeline().spillFiles());
            r.events().spillFile().ifPresent(spillFiles::add);
            assertTrue(r.timeline().size() > 7_000 && r.events().size() > 50, r.timeline() + " " + r.events());
            assertTrue(r.events().spillFile().isPresent() && r.timeline().spillFiles().size() >= 2,
                    "rows, warm-up batches and events spilled: " + spillFiles);
            spilled = RunReportWriter.write(dir.resolve("spilled"), r, RunInfo.capture(1, 1));
        }
        for (Path f : spillFiles) {
            assertFalse(Files.exists(f), f + " deleted when the result was closed");
        }
        RunResult inMemory = new Simulator().run(s, ProgressListener.NONE);
        assertTrue(inMemory.timeline().spillFiles().isEmpty() && inMemory.events().spillFile().isEmpty());
        List<Path> reference = RunReportWriter.write(dir.resolve("memory"), inMemory, RunInfo.capture(1, 1));
        assertEquals(reference.size(), spilled.size());
        for (int i = 0; i < reference.size(); i++) {
            if (!reference.get(i).getFileName().toString().equals("run-info.json")) {
                assertArrayEquals(Files.readAllBytes(reference.get(i)), Files.readAllBytes(spilled.get(i)),
                        reference.get(i).getFileName().toString());
            }
        }
    }

    @Test
    void aStoppedRunStopsAtTheNextBatchAndLeavesNoSpillFile() throws IOException {
        Path out = dir.resolve("run");
        AtomicInteger progress = new AtomicInteger();
        try (ReportFolder folder = ReportFolder.lock(out)) {
            RunControl control = new RunControl((t, d, n) -> progress.incrementAndGet(),
                    folder.spillFiles().withMemoryRows(10), () -> progress.get() >= 200);
            RunStoppedException e = assertThrows(RunStoppedException.class, () -> new Simulator().run(scenario(),
                    control));
            assertEquals(200, progress.get(), "the flag is polled at every progress report");
            assertTrue(e.simulatedNanos() > 0 && e.simulatedNanos() < e.durationNanos(), e.getMessage());
            assertEquals(List.of(".run.lock"), names(dir), "the spilled rows were deleted");
        }
        assertEquals(List.of(), names(dir));
    }
}
