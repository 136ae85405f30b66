package org.caniclab.sim.ic;

import static org.caniclab.sim.TestScenarios.S;
import static org.caniclab.sim.TestScenarios.pool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.caniclab.core.config.ScalePoolPolicy;
import org.caniclab.core.workflow.ConcurrencyMode;
import org.caniclab.reports.MetricCount;
import org.caniclab.reports.PoolSummary;
import org.caniclab.reports.RunResult;
import org.caniclab.sim.ProgressListener;
import org.caniclab.sim.Simulator;
import org.caniclab.sim.TestScenarios;
import org.caniclab.sim.model.Distribution;
import org.caniclab.sim.model.RouterKind;
import org.caniclab.sim.model.ScheduledCall;
import org.caniclab.sim.model.ServiceModel;
import org.junit.jupiter.api.Test;

/** Semantics §2.2, trace 1: K concurrent create_worker calls at count 1 with min = max = 2. */
class RaceTest {

    private static RunResult race(ConcurrencyMode mode, int k, long seed) {
        return new Simulator().run(TestScenarios.named("race-k" + k).seed(seed).mode(mode)
                .createLatency(new Distribution.LogNormal(2 * S, 0.3))
                .pool(pool("api", new ScalePoolPolicy(1, 2, 2), new ServiceModel.PerRound(10, 100),
                        RouterKind.ROUND_ROBIN, null))
                // The bootstrap has registered its worker well before 30 s; the K calls then observe count 1.
                .call(30 * S, ScheduledCall.Kind.CREATE_WORKER, "api", k)
                .build(), ProgressListener.NONE);
    }

    private static long metric(RunResult r, String op, String outcome, String reason) {
        return r.metrics().stream()
                .filter(m -> m.operation().equals(op) && m.outcome().equals(outcome) && m.reason().equals(reason))
                .mapToLong(MetricCount::count).sum();
    }

    @Test
    void seedModeOvershootsWithConcurrentCalls() {
        for (int k = 2; k <= 6; k++) {
            long seed = 100 + k;
            RunResult r = race(ConcurrencyMode.SEED_0_33_3, k, seed);
            PoolSummary api = r.pools().get(0);
            String where = "K=" + k + ", seed " + seed;
            assertEquals(1 + k, api.workersFinal(), where);
            assertEquals(k - 1, api.overshootPeak(), where);
            assertTrue(api.overshootPeak() > 0, where);
            assertEquals(k, metric(r, "plan_create", "completed", "below_min_workers"), where);
            assertEquals(1 + k, metric(r, "register_worker", "completed", "ok"), where);
        }
    }

    @Test
    void reservedModeHoldsMaxWorkers() {
        for (int k = 2; k <= 6; k++) {
            long seed = 200 + k;
            RunResult r = race(ConcurrencyMode.RESERVED, k, seed);
            PoolSummary api = r.pools().get(0);
            String where = "K=" + k + ", seed " + seed;
            assertEquals(2, api.workersFinal(), where);
            assertEquals(0, api.overshootPeak(), where);
            assertEquals(1, metric(r, "plan_create", "completed", "below_min_workers"), where);
            assertEquals(k - 1, metric(r, "plan_create", "skipped", "at_max_workers"), where);
            assertEquals(k - 1, r.events().stream()
                    .filter(e -> e.call().equals("create_worker") && e.outcome().equals("skipped")).count(), where);
        }
    }

    @Test
    void bootstrapRacingAUserCallOvershootsInSeedMode() {
        // Trace 2: initial = min = max = 1; a user call lands while the bootstrap's create is in flight.
        for (ConcurrencyMode mode : ConcurrencyMode.values()) {
            RunResult r = new Simulator().run(TestScenarios.named("trace2").mode(mode)
                    .pool(pool("api", new ScalePoolPolicy(1, 1, 1), new ServiceModel.PerRound(10, 100),
                            RouterKind.ROUND_ROBIN, null))
                    .call(100_000_000L, ScheduledCall.Kind.CREATE_WORKER, "api", 1)
                    .build(), ProgressListener.NONE);
            int expected = mode == ConcurrencyMode.SEED_0_33_3 ? 1 : 0;
            assertEquals(expected, r.pools().get(0).overshootPeak(), mode.label());
            assertEquals(List.of("bootstrap_config/completed/ok"), r.metrics().stream()
                    .filter(m -> m.operation().equals("bootstrap_config") && m.outcome().equals("completed"))
                    .map(m -> m.operation() + "/" + m.outcome() + "/" + m.reason()).toList(), mode.label());
        }
    }
}
