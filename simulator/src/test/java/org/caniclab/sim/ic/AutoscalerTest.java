package org.caniclab.sim.ic;

import static org.caniclab.sim.TestScenarios.S;
import static org.caniclab.sim.TestScenarios.pool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.caniclab.core.config.ScalePoolPolicy;
import org.caniclab.core.workflow.ConcurrencyMode;
import org.caniclab.reports.MetricCount;
import org.caniclab.reports.OrchestrationEvent;
import org.caniclab.reports.PoolSummary;
import org.caniclab.reports.RunResult;
import org.caniclab.reports.TimelineRow;
import org.caniclab.sim.ProgressListener;
import org.caniclab.sim.Simulator;
import org.caniclab.sim.TestScenarios;
import org.caniclab.sim.model.AutoscalerSpec;
import org.caniclab.sim.model.Distribution;
import org.caniclab.sim.model.LoadSource;
import org.caniclab.sim.model.RouterKind;
import org.caniclab.sim.model.ServiceModel;
import org.junit.jupiter.api.Test;

/** The load-aware autoscaler: desired = ⌈rate × mean service / target⌉ through the core workflow. */
class AutoscalerTest {

    /** 100 ms rounds, 10 requests per worker per round: 100 req/s per worker; 10 ms per request. */
    private static RunResult flashCrowd(ConcurrencyMode mode, int max, long seed) {
        return flashCrowd(mode, max, seed, 500 * TestScenarios.MS);
    }

    private static RunResult flashCrowd(ConcurrencyMode mode, int max, long seed, long createLatency) {
        LoadSource ramp = new LoadSource.Poisson("crowd", "api", List.of(
                new LoadSource.RateSegment(0, 60 * S, 0, 2000),
                new LoadSource.RateSegment(60 * S, 180 * S, 2000, 2000)));
        return new Simulator().run(TestScenarios.named("flash").seed(seed).mode(mode).duration(180 * S)
                .createLatency(new Distribution.Fixed(createLatency))
                .sample(5 * S)
                .pool(pool("api", new ScalePoolPolicy(1, 1, max), new ServiceModel.PerRound(10, 500),
                        RouterKind.SHORTEST_QUEUE, new AutoscalerSpec(0.7, 2 * S, 5 * S)))
                .load(ramp)
                .build(), ProgressListener.NONE);
    }

    @Test
    void scalesToTheLoadDerivedFloor() {
        long seed = 5;
        RunResult r = flashCrowd(ConcurrencyMode.RESERVED, 64, seed);
        PoolSummary api = r.pools().get(0);
        // 2000 req/s × 10 ms / 0.7 = 28.6 → 29 (a noisy rate can ask for 30).
        assertTrue(api.workersFinal() >= 29 && api.workersFinal() <= 31, "seed " + seed + ": " + api);
        assertEquals(0, api.overshootPeak());
        TimelineRow last = r.timeline().toList().get(r.timeline().toList().size() - 1);
        assertEquals(0.69, last.utilization(), 0.03, "seed " + seed);
        assertTrue(r.events().stream().anyMatch(e -> e.call().equals("autoscale") && e.outcome().equals("scale_up")));
        assertTrue(r.events().stream().anyMatch(e -> e.detail().equals("via autoscale")));
        // After the ramp, the pool keeps up: few rejections once scaled.
        assertEquals(0, r.timeline().stream().filter(t -> t.timeNanos() > 120 * S)
                .mapToLong(TimelineRow::rejections).sum(), "seed " + seed);
    }

    @Test
    void autoscaleEventsCarryRegisteredAndReservedWorkersAsSeparateFigures() {
        for (ConcurrencyMode mode : ConcurrencyMode.values()) {
            // Creations outlast the 2 s ticks, so ticks see reservations in the reserved mode.
            RunResult r = flashCrowd(mode, 64, 5, 5 * S);
            int registered = 0;
            int ticks = 0;
            boolean sawReserved = false;
            for (OrchestrationEvent e : r.events()) {
                if (e.call().equals("create_worker") && e.outcome().equals("completed")) {
                    registered++;
                } else if (e.call().equals("autoscale")) {
                    ticks++;
                    OrchestrationEvent.Autoscale f = e.autoscale().orElseThrow();
                    // workers means registered in both modes, as timeline.csv's workers.
                    assertEquals(registered, f.workers(), mode + " at " + e.timeNanos());
                    if (mode == ConcurrencyMode.RESERVED) {
                        sawReserved |= f.reserved() > 0;
                    } else {
                        assertEquals(0, f.reserved(), mode + " has no reservations");
                    }
                    assertEquals(e.outcome().equals("scale_up"), f.calls() > 0, e.toString());
                    assertEquals("", e.detail(), "the figures are columns, not text");
                } else {
                    assertTrue(e.autoscale().isEmpty(), e.toString());
                }
            }
            assertTrue(ticks > 0, mode.toString());
            assertEquals(mode == ConcurrencyMode.RESERVED, sawReserved, mode + ": reservations while creating");
        }
    }

    @Test
    void maxWorkersStillBoundsTheAutoscalerInReservedMode() {
        long seed = 6;
        RunResult r = flashCrowd(ConcurrencyMode.RESERVED, 10, seed);
        PoolSummary api = r.pools().get(0);
        assertEquals(10, api.workersFinal(), "seed " + seed);
        assertEquals(0, api.overshootPeak(), "seed " + seed);
        long atMax = r.metrics().stream().filter(m -> m.reason().equals("at_max_workers"))
                .mapToLong(MetricCount::count).sum();
        assertTrue(atMax > 0, "seed " + seed);
    }

    @Test
    void seedModeAutoscalerOvershootsWhenTicksOutpaceCreation() {
        // Ticks every second, no cooldown, creations take 3 s: in seed mode every tick observes the stale
        // registered count and sends max - count more calls; reserved mode counts them as in flight.
        for (ConcurrencyMode mode : ConcurrencyMode.values()) {
            long seed = 8;
            RunResult r = new Simulator().run(TestScenarios.named("stale").seed(seed).mode(mode)
                    .duration(30 * S).createLatency(new Distribution.Fixed(3 * S))
                    .pool(pool("api", new ScalePoolPolicy(1, 1, 10), new ServiceModel.PerRound(10, 500),
                            RouterKind.ROUND_ROBIN, new AutoscalerSpec(0.7, 0, S)))
                    .load(TestScenarios.poisson("l", "api", 0, 30 * S, 5_000))
                    .build(), ProgressListener.NONE);
            PoolSummary api = r.pools().get(0);
            String where = mode.label() + ", seed " + seed + ": " + api;
            if (mode == ConcurrencyMode.SEED_0_33_3) {
                assertTrue(api.overshootPeak() > 0, where);
            } else {
                assertEquals(0, api.overshootPeak(), where);
                assertEquals(10, api.workersFinal(), where);
            }
        }
    }
}
