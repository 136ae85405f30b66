package org.caniclab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.caniclab.reports.OrchestrationEvent;
import org.caniclab.reports.PoolSummary;
import org.caniclab.reports.RunResult;
import org.caniclab.reports.TimelineRow;
import org.caniclab.sim.scenario.ScenarioException;
import org.caniclab.sim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code start_workers}: a pool that is already serving at time 0, with no creation and no cost. */
class StartWorkersTest {
    @TempDir
    Path dir;

    private RunResult run(String toml) throws IOException {
        Path p = dir.resolve("start.toml");
        Files.writeString(p, toml);
        return new Simulator().run(ScenarioLoader.load(p), ProgressListener.NONE);
    }

    @Test
    void startWorkersServeFromTimeZeroWithoutCreatesOrCycles() throws IOException {
        RunResult r = run("""
                [run]
                duration = "10s"
                sample_interval = "1s"
                [pools.api]
                canister_role = "api_worker"
                start_workers = 55
                policy = { initial_workers = 1, min_workers = 1, max_workers = 60 }
                service = { model = "shared-queue", service_time = "100ms" }
                [[load]]
                kind = "poisson"
                pool = "api"
                rate = 100
                """);
        PoolSummary api = r.pools().get(0);
        assertEquals(55, api.workersFinal());
        assertEquals(55, api.workersPeak());
        assertEquals(0, api.createsStarted(), "the bootstrap sees 55 >= initial_workers and creates none");
        assertEquals(0, api.cyclesSpent());
        assertEquals(0, api.requests().rejected(), "served from the first request on");
        TimelineRow first = r.timeline().toList().get(0);
        assertEquals(55, first.workers());
        assertTrue(r.events().stream().map(OrchestrationEvent::call).noneMatch("create_worker"::equals));
    }

    @Test
    void withoutStartWorkersTheBootstrapCreatesThem() throws IOException {
        RunResult r = run("""
                [run]
                duration = "10s"
                [pools.api]
                canister_role = "api_worker"
                policy = { initial_workers = 1, min_workers = 1, max_workers = 60 }
                """);
        assertEquals(1, r.pools().get(0).createsStarted());
    }

    @Test
    void startWorkersAboveMaxWorkersIsRefusedWithItsLine() throws IOException {
        Path p = dir.resolve("bad.toml");
        Files.writeString(p, """
                [pools.api]
                canister_role = "api_worker"
                policy = { max_workers = 4 }
                start_workers = 5
                """);
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(p, List.of()));
        assertTrue(e.getMessage().contains("bad.toml:4") && e.getMessage().contains("start_workers"),
                e.getMessage());
    }
}
