package org.caniclab.core.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.caniclab.core.config.ScalePool;
import org.caniclab.core.config.ScalePoolPolicy;
import org.caniclab.core.config.ScalingConfig;
import org.caniclab.core.driver.HubCall;
import org.caniclab.core.ic.CanisterRole;
import org.caniclab.core.workflow.ConcurrencyMode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An oracle independent of the explorer: in seed mode, K overlapping create_worker calls on a pool holding r < min
 * workers all observe r, all spawn, and end with r + K registered, so the worst overshoot is r + K - max_workers when
 * that is positive (and nothing can exceed it: there are only K calls). Reserved mode never exceeds max_workers.
 */
@Tag("property")
class OvershootOracleTest {
    private static final CanisterRole ROLE = new CanisterRole("scale");

    @Test
    void theWorstSeedOvershootIsRPlusKMinusMax() {
        int cases = 0;
        for (int r = 0; r <= 2; r++) {
            for (int min = r + 1; min <= 3; min++) {
                for (int max = min; max <= 4; max++) {
                    for (int k = 1; k <= 7; k++) {
                        for (int failures = 0; failures <= 1; failures++) {
                            ScalingConfig cfg = ScalingConfig.builder()
                                    .pool("p", new ScalePool(ROLE, new ScalePoolPolicy(0, min, max))).build();
                            HubCall[] calls = new HubCall[k];
                            java.util.Arrays.fill(calls, new HubCall.CreateWorker("p"));
                            ScheduleExplorer.Builder b = ScheduleExplorer.builder().config(cfg).registered("p", r)
                                    .call(calls).failureBudget(failures)
                                    .failureErrors(ScheduleExplorer.ROOT_REJECTION, ScheduleExplorer.TRANSPORT_FAILURE);
                            String where = "r=" + r + " min=" + min + " max=" + max + " k=" + k + " f=" + failures;

                            Exploration seed = b.mode(ConcurrencyMode.SEED_0_33_3).build().explore();
                            int oracle = Math.max(0, r + k - max);
                            assertTrue(seed.exhaustive(), where);
                            assertEquals(oracle, seed.worstOvershoot(), where);
                            assertEquals(oracle > 0, seed.violated(), where);
                            if (oracle > 0) {
                                Violation w = seed.worstViolation().orElseThrow();
                                assertTrue(w.observed().contains("holds " + (r + k) + " > max_workers " + max), where);
                                // K deliveries and K successes at least: no shorter schedule registers K workers.
                                assertEquals(2 * k, w.steps().size(), where + "\n" + w.render());
                            }

                            Exploration reserved = b.mode(ConcurrencyMode.RESERVED).build().explore();
                            assertTrue(reserved.exhaustive(), where);
                            assertEquals(0, reserved.worstOvershoot(), where);
                            assertFalse(reserved.violated(), where);
                            cases++;
                        }
                    }
                }
            }
        }
        assertTrue(cases > 100);
    }
}
