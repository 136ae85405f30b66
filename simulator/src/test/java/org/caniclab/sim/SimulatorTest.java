package org.caniclab.sim;

import static org.caniclab.sim.TestScenarios.MS;
import static org.caniclab.sim.TestScenarios.S;
import static org.caniclab.sim.TestScenarios.pool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.caniclab.core.config.ScalePoolPolicy;
import org.caniclab.core.workflow.ConcurrencyMode;
import org.caniclab.reports.PoolSummary;
import org.caniclab.reports.RunResult;
import org.caniclab.reports.SummaryPaths;
import org.caniclab.sim.model.AutoscalerSpec;
import org.caniclab.sim.model.Distribution;
import org.caniclab.sim.model.FaultWindow;
import org.caniclab.sim.model.LoadSource;
import org.caniclab.sim.model.RouterKind;
import org.caniclab.sim.model.Scenario;
import org.caniclab.sim.model.ScheduledCall;
import org.caniclab.sim.model.ServiceModel;
import org.junit.jupiter.api.Test;

class SimulatorTest {

    /** Two pools, every load kind but traces, faults, scheduled calls, top-up and an autoscaler. */
    private static TestScenarios rich(long seed) {
        return TestScenarios.named("rich").seed(seed).mode(ConcurrencyMode.SEED_0_33_3).duration(120 * S)
                .warmup(10 * S).sample(5 * S).topUp(7 * S)
                .createLatency(new Distribution.LogNormal(2 * S, 0.4))
                .pool(pool("api", new ScalePoolPolicy(1, 2, 12), new ServiceModel.PerRound(20, 200),
                        RouterKind.SHORTEST_QUEUE, new AutoscalerSpec(0.6, 3 * S, 5 * S)))
                .pool(pool("batch", new ScalePoolPolicy(2, 2, 6),
                        new ServiceModel.Continuous(new Distribution.Exponential(30 * MS), 50), RouterKind.RANDOM,
                        null))
                .load(new LoadSource.Poisson("api-ramp", "api", List.of(
                        new LoadSource.RateSegment(0, 60 * S, 50, 1500),
                        new LoadSource.RateSegment(60 * S, 120 * S, 1500, 200))))
                .load(new LoadSource.Burst("spike", "batch", 40 * S, 5_000, 2 * S))
                .load(TestScenarios.poisson("batch-base", "batch", 0, 120 * S, 40))
                .call(20 * S, ScheduledCall.Kind.CREATE_WORKER, "batch", 3)
                .call(25 * S, ScheduledCall.Kind.PLAN_CREATE_WORKER, "api", 1)
                .fault(30 * S, 50 * S, FaultWindow.Kind.TRANSIENT_REJECT, 0.3)
                .fault(30 * S, 90 * S, FaultWindow.Kind.ORPHAN_AFTER_CREATE, 0.2);
    }

    private static RunResult run(Scenario s) {
        return new Simulator().run(s, ProgressListener.NONE);
    }

    @Test
    void sameScenarioAndSeedGiveTheSameResult() {
        for (long seed : new long[] {1, 2, 3}) {
            RunResult a = run(rich(seed).build());
            RunResult b = run(rich(seed).build());
            assertEquals(SummaryPaths.toJson(a), SummaryPaths.toJson(b), "seed " + seed);
            assertEquals(a, b, "seed " + seed); // timeline, events and histograms too
            assertTrue(a.header().events() > 100_000, "seed " + seed);
        }
    }

    @Test
    void anotherSeedGivesAnotherResult() {
        RunResult a = run(rich(1).build());
        RunResult b = run(rich(2).build());
        assertNotEquals(SummaryPaths.toJson(a), SummaryPaths.toJson(b));
        assertEquals(1, a.header().seed());
        assertEquals("sim", a.header().backend());
        assertEquals("seed-0.33.3", a.header().mode());
        assertEquals(120.0, a.header().simulatedSeconds());
    }

    @Test
    void otherPartsOfTheScenarioDoNotReshuffleAPoolsNumbers() {
        // Common random numbers: a second pool's load, and faults on a window the pool never creates in,
        // leave the first pool's arrivals, service times and routing unchanged.
        TestScenarios alone = TestScenarios.named("crn").seed(9)
                .pool(pool("api", new ScalePoolPolicy(2, 2, 2),
                        new ServiceModel.Continuous(new Distribution.Exponential(20 * MS), ServiceModel.UNBOUNDED), RouterKind.RANDOM, null))
                .load(TestScenarios.poisson("a", "api", 0, 60 * S, 80));
        TestScenarios crowded = TestScenarios.named("crn").seed(9)
                .pool(pool("api", new ScalePoolPolicy(2, 2, 2),
                        new ServiceModel.Continuous(new Distribution.Exponential(20 * MS), ServiceModel.UNBOUNDED), RouterKind.RANDOM, null))
                .pool(pool("web", new ScalePoolPolicy(0, 0, 4), new ServiceModel.PerRound(5, 10),
                        RouterKind.ROUND_ROBIN, null))
                .load(TestScenarios.poisson("w", "web", 0, 60 * S, 300))
                .load(TestScenarios.poisson("a", "api", 0, 60 * S, 80))
                .fault(50 * S, 60 * S, FaultWindow.Kind.ROOT_REJECT, 0.5);
        PoolSummary a = run(alone.build()).pools().get(0);
        PoolSummary b = run(crowded.build()).pools().get(0);
        assertEquals(a, b);
    }

    @Test
    void progressIsReportedUpToTheEnd() {
        List<long[]> calls = new ArrayList<>();
        RunResult r = new Simulator().run(rich(4).build(), (t, d, n) -> calls.add(new long[] {t, d, n}));
        assertTrue(calls.size() > 10, "calls: " + calls.size());
        for (int i = 1; i < calls.size(); i++) {
            assertTrue(calls.get(i)[0] >= calls.get(i - 1)[0] && calls.get(i)[2] >= calls.get(i - 1)[2]);
        }
        long[] last = calls.get(calls.size() - 1);
        assertEquals(120 * S, last[0]);
        assertEquals(120 * S, last[1]);
        assertEquals(r.header().events(), last[2]);
    }

    @Test
    void timelineHasARowPerPoolPerInterval() {
        RunResult r = run(rich(5).build());
        assertEquals(2 * 24, r.timeline().size());
        assertEquals(5 * S, r.timeline().toList().get(0).timeNanos());
        assertEquals("api", r.timeline().toList().get(0).pool());
        assertEquals("batch", r.timeline().toList().get(1).pool());
        long arrivals = r.timeline().stream().filter(t -> t.pool().equals("batch")).mapToLong(t -> t.arrivals())
                .sum();
        assertTrue(arrivals >= 5_000 + 4_000, "batch arrivals " + arrivals);
        assertEquals(List.of("api", "batch"), List.copyOf(r.latencyHistograms().keySet()));
    }

    @Test
    void millionRequestsRunInBoundedMemory() {
        // 10_000 req/s for 100 s through 4 per-round workers; nothing is kept per request.
        Scenario s = TestScenarios.named("million").seed(11).duration(100 * S).sample(10 * S)
                .pool(pool("api", new ScalePoolPolicy(4, 4, 4), new ServiceModel.PerRound(1000, 5000),
                        RouterKind.ROUND_ROBIN, null))
                .load(TestScenarios.poisson("l", "api", 0, 100 * S, 10_000))
                .build();
        RunResult r = run(s);
        PoolSummary api = r.pools().get(0);
        assertEquals(1_000_000, api.requests().arrived(), 4_000);
        assertEquals(api.requests().arrived(), api.requests().completed() + api.requests().rejected(), 4 * 1000);
    }

    @Test
    void loadOnAnUnknownPoolIsRejected() {
        // The model refuses it when the scenario is built, before anything can run.
        TestScenarios s = TestScenarios.named("bad").pool(pool("api", ScalePoolPolicy.DEFAULT,
                        new ServiceModel.PerRound(1, 1), RouterKind.ROUND_ROBIN, null))
                .load(TestScenarios.poisson("l", "nope", 0, S, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(s.build()));
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
    }
}
