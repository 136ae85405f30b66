package org.caniclab.core.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.caniclab.core.driver.HubCall;
import org.caniclab.core.config.ScalePool;
import org.caniclab.core.config.ScalePoolPolicy;
import org.caniclab.core.config.ScalingConfig;
import org.caniclab.core.error.CanicError;
import org.caniclab.core.error.ErrorOrigin;
import org.caniclab.core.ic.CanisterRole;
import org.caniclab.core.workflow.ConcurrencyMode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every interleaving of concurrent calls on one hub, up to a bound, against the workflow's invariants. */
@Tag("property")
class ScheduleExplorerTest {
    private static final CanisterRole ROLE = new CanisterRole("scale");

    private static ScalingConfig pool(String name, int initial, int min, int max) {
        return ScalingConfig.builder().pool(name, new ScalePool(ROLE, new ScalePoolPolicy(initial, min, max))).build();
    }

    private static HubCall[] creates(String pool, int k) {
        HubCall[] calls = new HubCall[k];
        for (int i = 0; i < k; i++) {
            calls[i] = new HubCall.CreateWorker(pool);
        }
        return calls;
    }

    @Test
    void findsTheSeedOvershootWithTwoOverlappingCreates() {
        Exploration e = ScheduleExplorer.builder()
                .config(pool("scales", 1, 2, 2))
                .mode(ConcurrencyMode.SEED_0_33_3)
                .registered("scales", 1)
                .call(creates("scales", 2))
                .build()
                .explore();
        assertTrue(e.violated(), "the seed's race must be found");
        Violation v = e.shortestViolation().orElseThrow();
        assertTrue(v.invariant().startsWith("bound"), v.render());
        assertTrue(v.observed().contains("holds 3 > max_workers 2"), v.render());
        // The shortest trace is spec §2.2 trace 1: A plans, B plans, root answers both.
        assertEquals(4, v.steps().size(), v.render());
        assertTrue(v.steps().get(0).startsWith("deliver A create_worker(\"scales\") -> awaits create#0"), v.render());
        assertTrue(v.steps().get(1).startsWith("deliver B create_worker(\"scales\") -> awaits create#1"), v.render());
        assertTrue(v.steps().get(2).startsWith("root creates"), v.render());
        assertTrue(v.steps().get(3).startsWith("root creates"), v.render());
        assertFalse(e.truncated());
        System.out.println("seed-0.33.3, 2 creates: " + e.schedules() + " schedules\n" + v.render());
    }

    @Test
    void findsBootstrapRacingAUserCallInSeedMode() {
        Exploration e = ScheduleExplorer.builder()
                .config(pool("scales", 1, 1, 1))
                .call(new HubCall.Bootstrap(), new HubCall.CreateWorker("scales"))
                .build()
                .explore();
        Violation v = e.shortestViolation().orElseThrow();
        assertTrue(v.observed().contains("holds 2 > max_workers 1"), v.render());
        assertEquals(4, v.steps().size(), v.render());
    }

    @Test
    void reservedModeHoldsEveryInvariantForUpToFourCallsWithFailures() {
        long total = 0;
        long started = System.nanoTime();
        for (int k = 1; k <= 4; k++) {
            // Two failures with four overlapping creates multiply the schedules by ~5 for no new shape.
            for (int failures = 0; failures <= (k < 4 ? 2 : 1); failures++) {
                for (int registered = 0; registered <= 1; registered++) {
                    List<HubCall> calls = new ArrayList<>(List.of(creates("scales", k)));
                    calls.add(new HubCall.Bootstrap());
                    calls.add(new HubCall.PlanCreateWorker("scales"));
                    Exploration e = ScheduleExplorer.builder()
                            .config(pool("scales", 2, 2, 2))
                            .mode(ConcurrencyMode.RESERVED)
                            .registered("scales", registered)
                            .call(calls.toArray(HubCall[]::new))
                            .failureBudget(failures)
                            .build()
                            .explore();
                    String where = "k=" + k + " failures=" + failures + " registered=" + registered;
                    assertFalse(e.violated(), () -> where + "\n" + e.shortestViolation().get().render());
                    assertFalse(e.truncated(), where);
                    assertTrue(e.schedules() > 0, where);
                    total += e.schedules();
                }
            }
        }
        System.out.printf("reserved mode, K<=4 creates + bootstrap + dry run, failures<=2 (<=1 at K=4): %d schedules in %d ms%n",
                total, (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    void seedModeOvershootGrowsWithEveryOverlappingCall() {
        for (int k = 2; k <= 4; k++) {
            Exploration e = ScheduleExplorer.builder()
                    .config(pool("scales", 0, 4, 4))
                    .registered("scales", 3)
                    .call(creates("scales", k))
                    .build()
                    .explore();
            Violation v = e.shortestViolation().orElseThrow();
            assertTrue(v.observed().contains("holds 5 > max_workers 4"), v.render());
            assertEquals(4, v.steps().size(), "k=" + k + "\n" + v.render());
        }
    }

    @Test
    void unboundedPoolsHaveNoBoundToBreak() {
        Exploration e = ScheduleExplorer.builder()
                .config(pool("scales", 0, 3, 0))
                .call(creates("scales", 3))
                .failureBudget(1)
                .build()
                .explore();
        assertFalse(e.violated(), () -> e.shortestViolation().get().render());
    }

    @Test
    void transportFailuresKeepTheRegistryExact() {
        Exploration e = ScheduleExplorer.builder()
                .config(pool("scales", 1, 3, 3))
                .mode(ConcurrencyMode.RESERVED)
                .call(new HubCall.Bootstrap(), new HubCall.CreateWorker("scales"),
                        new HubCall.CreateWorker("scales"))
                .failureBudget(2)
                .failureError(CanicError.ops(ErrorOrigin.OPS, "call to root rejected: SysTransient"))
                .build()
                .explore();
        assertFalse(e.violated(), () -> e.shortestViolation().get().render());
    }

    @Test
    void theStepBoundTruncatesAndSaysSo() {
        Exploration e = ScheduleExplorer.builder()
                .config(pool("scales", 0, 4, 4))
                .mode(ConcurrencyMode.RESERVED)
                .call(creates("scales", 3))
                .maxSteps(3)
                .build()
                .explore();
        assertTrue(e.truncated());
        assertFalse(e.violated());
    }

    @Test
    void explorationIsDeterministic() {
        ScheduleExplorer.Builder b = ScheduleExplorer.builder()
                .config(pool("scales", 1, 2, 2))
                .registered("scales", 1)
                .call(creates("scales", 3))
                .failureBudget(1);
        Exploration first = b.build().explore();
        Exploration second = b.build().explore();
        assertEquals(first, second);
    }

    @Test
    void emptyScheduleSetCountsOneSchedule() {
        Exploration e = ScheduleExplorer.builder().config(pool("scales", 1, 1, 1)).build().explore();
        assertEquals(1, e.schedules());
        assertFalse(e.violated());
    }

    @Test
    void aHubWithoutScalingTableEndsEveryCall() {
        Exploration e = ScheduleExplorer.builder()
                .call(new HubCall.Bootstrap(), new HubCall.CreateWorker("scales"),
                        new HubCall.PlanCreateWorker("scales"))
                .build()
                .explore();
        assertFalse(e.violated(), () -> e.shortestViolation().get().render());
        assertEquals(6, e.schedules()); // 3! delivery orders, nothing awaits root
    }
}
