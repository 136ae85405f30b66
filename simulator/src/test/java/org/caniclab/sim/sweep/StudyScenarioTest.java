package org.caniclab.sim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.caniclab.sim.model.Scenario;
import org.caniclab.sim.model.SweepSpec;
import org.caniclab.sim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped study, {@code scenarios/studies/autoscaler-target.toml}: it states a 4 × 2 sweep, opens with its
 * question, and {@code caniclab sweep} on it prints a table and writes the sweep's files. (Studies are kept out of
 * the golden reports, which cover the top-level scenarios only.)
 */
class StudyScenarioTest {
    @TempDir
    Path dir;

    static Path study() {
        return SweepTest.steady().resolveSibling("studies").resolve("autoscaler-target.toml");
    }

    @Test
    void theStudyStatesItsSweepAndOpensWithItsQuestion() throws IOException {
        Scenario s = ScenarioLoader.load(study());
        SweepSpec sweep = s.sweep().orElseThrow();
        assertEquals(10, sweep.replications());
        assertEquals(List.of("pools.api.autoscaler.target_utilization", "hub.mode"),
                sweep.vary().stream().map(SweepSpec.Vary::key).toList());
        assertEquals(List.of("0.5", "0.6", "0.7", "0.8"), sweep.vary().get(0).values());
        String text = Files.readString(study());
        assertTrue(text.startsWith("# autoscaler-target"), "a teaching header");
        assertTrue(text.contains("Question:") && text.contains("What to look at:"));
    }

    @Test
    void sweepingTheStudyPrintsATableAndWritesTheFiles() throws IOException {
        Path out = dir.resolve("out");
        // Two replications keep the test short; the stated grid is kept.
        SweepTest.Run r = SweepTest.cli("sweep", study().toString(), "-r", "2", "--parallel", "2", "--out",
                out.toString());
        assertEquals(0, r.exit(), r.err());
        for (String f : List.of("runs.csv", "aggregate.csv", "sweep.json", "index.html")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertEquals(1 + 8 * 2, Files.readAllLines(out.resolve("runs.csv")).size());
        String header = r.out().lines().findFirst().orElseThrow();
        assertTrue(header.startsWith("pools.api.autoscaler.target_utilization  hub.mode"), header);
        assertTrue(r.out().contains("0.8") && r.out().contains("reserved")
                && r.out().contains("pools.api.workers_peak"), r.out());
        assertTrue(r.out().contains("sweep: 16 runs (8 variants x 2 replications)"), r.out());
    }
}
