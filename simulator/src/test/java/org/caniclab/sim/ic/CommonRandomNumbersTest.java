package org.caniclab.sim.ic;

import static org.caniclab.sim.TestScenarios.S;
import static org.caniclab.sim.TestScenarios.pool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.caniclab.core.config.ScalePoolPolicy;
import org.caniclab.reports.OrchestrationEvent;
import org.caniclab.reports.RunResult;
import org.caniclab.reports.TimelineRow;
import org.caniclab.sim.ProgressListener;
import org.caniclab.sim.Simulator;
import org.caniclab.sim.TestScenarios;
import org.caniclab.sim.model.AutoscalerSpec;
import org.caniclab.sim.model.Distribution;
import org.caniclab.sim.model.FaultWindow;
import org.caniclab.sim.model.RouterKind;
import org.caniclab.sim.model.ServiceModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Common random numbers across pools: a change to one pool leaves every other pool's timeline rows and events as
 * they were, because root draws each pool's create latencies and fault outcomes from that pool's own streams.
 */
class CommonRandomNumbersTest {
    private static final AutoscalerSpec SCALER = new AutoscalerSpec(0.5, 2 * S, 2 * S);

    /** Two autoscaled pools under ramping load, with random create latencies and root rejects on both. */
    private static RunResult run(long seed, ScalePoolPolicy a, ScalePoolPolicy b) {
        return new Simulator().run(TestScenarios.named("crn").seed(seed).duration(120 * S).sample(S)
                .createLatency(new Distribution.Exponential(3 * S))
                .fault(0, 120 * S, FaultWindow.Kind.ROOT_REJECT, 0.3)
                .fault(10 * S, 60 * S, FaultWindow.Kind.ORPHAN_AFTER_CREATE, 0.2)
                .pool(pool("a", a, new ServiceModel.PerRound(5, 200), RouterKind.RANDOM, SCALER))
                .pool(pool("b", b, new ServiceModel.PerRound(5, 200), RouterKind.RANDOM, SCALER))
                .load(new org.caniclab.sim.model.LoadSource.Poisson("la", "a", List.of(
                        new org.caniclab.sim.model.LoadSource.RateSegment(0, 120 * S, 10, 300))))
                .load(new org.caniclab.sim.model.LoadSource.Poisson("lb", "b", List.of(
                        new org.caniclab.sim.model.LoadSource.RateSegment(0, 120 * S, 20, 250))))
                .build(), ProgressListener.NONE);
    }

    private static List<TimelineRow> rows(RunResult r, String pool) {
        return r.timeline().stream().filter(t -> t.pool().equals(pool)).toList();
    }

    /** The pool's events; canister ids masked, since ids are handed out in one sequence for the whole subnet. */
    private static List<String> events(RunResult r, String pool) {
        return r.events().stream().filter(e -> e.pool().equals(pool)).map(CommonRandomNumbersTest::masked).toList();
    }

    private static String masked(OrchestrationEvent e) {
        return e.timeNanos() + "," + e.call() + "," + e.outcome() + ","
                + e.detail().replaceAll("[a-z0-9]{5}(-[a-z0-9]{5})*-cai", "<id>");
    }

    /** Equal lists, or the first index where they differ (the lists are too long to print whole). */
    private static void assertSame(List<?> expected, List<?> actual, String what) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertEquals(expected.get(i), actual.get(i), what + " differs at index " + i);
        }
        assertEquals(expected.size(), actual.size(), what + ": length");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void changingOnePoolLeavesTheOtherAsItWas(long seed) {
        ScalePoolPolicy small = new ScalePoolPolicy(1, 1, 2);
        RunResult base = run(seed, small, small);
        // a with more room: it creates more, so root draws more for a.
        RunResult aWider = run(seed, new ScalePoolPolicy(1, 1, 12), small);
        assertNotEquals(events(base, "a"), events(aWider, "a"), "the change must change a's own events");
        assertSame(rows(base, "b"), rows(aWider, "b"), "timeline of b");
        assertSame(events(base, "b"), events(aWider, "b"), "events of b");
        // b (last in the bootstrap's pool order, so a's bootstrap is untouched) with more initial and more room.
        RunResult bWider = run(seed, small, new ScalePoolPolicy(3, 1, 12));
        assertNotEquals(events(base, "b"), events(bWider, "b"), "the change must change b's own events");
        assertSame(rows(base, "a"), rows(bWider, "a"), "timeline of a");
        assertSame(events(base, "a"), events(bWider, "a"), "events of a");
    }
}
