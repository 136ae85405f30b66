package org.caniclab.core.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.caniclab.core.config.ScalePool;
import org.caniclab.core.config.ScalePoolPolicy;
import org.caniclab.core.config.ScalingConfig;
import org.caniclab.core.driver.HubCall;
import org.caniclab.core.ic.CanisterRole;
import org.caniclab.core.verify.ScheduleExplorer.Reduction;
import org.caniclab.core.workflow.ConcurrencyMode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The reductions lose nothing: on every configuration of a grid small enough for the naive search, each reduced
 * search reports what the naive one reports (verdict, shortest violation length, worst overshoot, the set of end
 * states) — and, where both keep it, the same number of schedules.
 */
@Tag("property")
class ReductionEquivalenceTest {
    private static final CanisterRole ROLE = new CanisterRole("scale");

    private static ScalingConfig pool(String name, int initial, int min, int max) {
        return ScalingConfig.builder().pool(name, new ScalePool(ROLE, new ScalePoolPolicy(initial, min, max))).build();
    }

    /** The call mixes of the grid, 1 to 4 calls on pool "p". */
    private static List<List<HubCall>> callMixes() {
        List<List<HubCall>> mixes = new ArrayList<>();
        for (int k = 1; k <= 4; k++) {
            List<HubCall> creates = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                creates.add(new HubCall.CreateWorker("p"));
            }
            mixes.add(creates);
            if (k <= 3) {
                List<HubCall> withBootstrap = new ArrayList<>(creates);
                withBootstrap.add(0, new HubCall.Bootstrap());
                mixes.add(withBootstrap);
            }
            if (k <= 2) {
                List<HubCall> withPlan = new ArrayList<>(creates);
                withPlan.add(new HubCall.PlanCreateWorker("p"));
                withPlan.add(0, new HubCall.Bootstrap());
                mixes.add(withPlan);
            }
        }
        return mixes;
    }

    private static Exploration explore(ScheduleExplorer.Builder b, Reduction r) {
        return b.reduction(r).build().explore();
    }

    private static void assertSame(Exploration naive, Exploration reduced, String where) {
        String w = where + " " + reduced.reduction();
        assertTrue(naive.exhaustive(), where + ": the naive search must finish");
        assertTrue(reduced.exhaustive(), w);
        assertEquals(naive.verdict(), reduced.verdict(), w);
        assertEquals(naive.shortestViolation().map(v -> v.steps().size()),
                reduced.shortestViolation().map(v -> v.steps().size()), w);
        assertEquals(naive.shortestViolation().map(Violation::invariant),
                reduced.shortestViolation().map(Violation::invariant), w);
        assertEquals(naive.worstOvershoot(), reduced.worstOvershoot(), w);
        assertEquals(naive.worstViolation().map(v -> v.steps().size()),
                reduced.worstViolation().map(v -> v.steps().size()), w);
        assertEquals(naive.finalStates(), reduced.finalStates(), w);
        if (reduced.schedules() >= 0) {
            assertEquals(naive.schedules(), reduced.schedules(), w);
        }
    }

    @Test
    void everyReductionMatchesTheNaiveSearchOnTheGrid() {
        int configs = 0;
        long naiveTransitions = 0;
        long fullTransitions = 0;
        long started = System.nanoTime();
        for (ConcurrencyMode mode : ConcurrencyMode.values()) {
            for (int min = 1; min <= 2; min++) {
                for (int max = min; max <= min + 1; max++) {
                    for (int initial = 0; initial <= 1; initial++) {
                        for (int pre = 0; pre <= 1; pre++) {
                            for (List<HubCall> calls : callMixes()) {
                                for (int failures = 0; failures <= 1; failures++) {
                                    ScheduleExplorer.Builder b = ScheduleExplorer.builder()
                                            .config(pool("p", initial, min, max)).mode(mode)
                                            .registered("p", pre)
                                            .call(calls.toArray(HubCall[]::new))
                                            .failureBudget(failures)
                                            .failureErrors(ScheduleExplorer.ROOT_REJECTION,
                                                    ScheduleExplorer.TRANSPORT_FAILURE);
                                    String where = mode.label() + " min=" + min + " max=" + max + " initial="
                                            + initial + " pre=" + pre + " calls=" + calls + " failures=" + failures;
                                    Exploration naive = explore(b, Reduction.NONE);
                                    Exploration cache = explore(b, Reduction.CACHE);
                                    assertSame(naive, cache, where);
                                    // Caching alone merges exactly the naive tree's equal states.
                                    assertEquals(naive.states(), cache.states(), where);
                                    Exploration symmetry = explore(b, Reduction.SYMMETRY);
                                    assertSame(naive, symmetry, where);
                                    assertTrue(symmetry.states() <= cache.states(), where);
                                    Exploration full = explore(b, Reduction.FULL);
                                    assertSame(naive, full, where);
                                    naiveTransitions += naive.transitions();
                                    fullTransitions += full.transitions();
                                    configs++;
                                }
                            }
                        }
                    }
                }
            }
        }
        assertTrue(fullTransitions < naiveTransitions);
        System.out.printf("%d configurations: naive %d transitions, full reduction %d, in %d ms%n", configs,
                naiveTransitions, fullTransitions, (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    void partialOrderReductionKeepsEveryStateOfTwoIndependentPools() {
        ScalingConfig cfg = ScalingConfig.builder()
                .pool("a", new ScalePool(ROLE, new ScalePoolPolicy(0, 2, 2)))
                .pool("b", new ScalePool(ROLE, new ScalePoolPolicy(0, 1, 1)))
                .build();
        for (ConcurrencyMode mode : ConcurrencyMode.values()) {
            for (int failures = 0; failures <= 1; failures++) {
                ScheduleExplorer.Builder b = ScheduleExplorer.builder().config(cfg).mode(mode)
                        .registered("a", 1)
                        .call(new HubCall.CreateWorker("a"), new HubCall.CreateWorker("a"),
                                new HubCall.CreateWorker("b"), new HubCall.PlanCreateWorker("b"))
                        .failureBudget(failures)
                        .failureErrors(ScheduleExplorer.ROOT_REJECTION, ScheduleExplorer.TRANSPORT_FAILURE);
                String where = mode.label() + " failures=" + failures;
                Exploration naive = explore(b, Reduction.NONE);
                Exploration symmetry = explore(b, Reduction.SYMMETRY);
                Exploration full = explore(b, Reduction.FULL);
                assertSame(naive, symmetry, where);
                assertSame(naive, full, where);
                // Sleep sets cut transitions, never states.
                assertEquals(symmetry.states(), full.states(), where);
                assertTrue(full.porSkipped() > 0, where);
                assertTrue(full.transitions() < symmetry.transitions(), where);
                assertEquals(-1, full.schedules(), where);
            }
        }
    }

    @Test
    void aBootstrapOverTwoPoolsMatchesTheNaiveSearch() {
        ScalingConfig cfg = ScalingConfig.builder()
                .pool("a", new ScalePool(ROLE, new ScalePoolPolicy(1, 1, 1)))
                .pool("b", new ScalePool(ROLE, new ScalePoolPolicy(1, 2, 2)))
                .build();
        for (ConcurrencyMode mode : ConcurrencyMode.values()) {
            ScheduleExplorer.Builder b = ScheduleExplorer.builder().config(cfg).mode(mode)
                    .call(new HubCall.Bootstrap(), new HubCall.CreateWorker("a"), new HubCall.CreateWorker("b"),
                            new HubCall.CreateWorker("b"))
                    .failureBudget(1)
                    .failureErrors(ScheduleExplorer.ROOT_REJECTION, ScheduleExplorer.TRANSPORT_FAILURE);
            Exploration naive = explore(b, Reduction.NONE);
            assertSame(naive, explore(b, Reduction.FULL), mode.label());
            assertEquals(mode == ConcurrencyMode.SEED_0_33_3, naive.violated(), mode.label());
        }
    }

    @Test
    void theTwoFailureKindsLeaveDifferentMetricRows() {
        Exploration e = ScheduleExplorer.builder()
                .config(pool("p", 0, 1, 1))
                .call(new HubCall.CreateWorker("p"))
                .failureBudget(1)
                .failureErrors(ScheduleExplorer.ROOT_REJECTION, ScheduleExplorer.TRANSPORT_FAILURE)
                .build()
                .explore();
        // Success, rejection, transport failure: three end states, told apart by their rows.
        assertEquals(3, e.finalStates().size(), e.finalStates().toString());
        assertTrue(e.finalStates().stream().anyMatch(s -> s.contains("create_worker/failed/policy_denied=1")));
        assertTrue(e.finalStates().stream().anyMatch(s -> s.contains("create_worker/failed/invalid_state=1")));
        assertFalse(e.violated());
    }
}
