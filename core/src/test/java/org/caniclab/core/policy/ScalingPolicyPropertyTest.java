package org.caniclab.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Optional;
import org.caniclab.core.config.ScalePool;
import org.caniclab.core.config.ScalePoolPolicy;
import org.caniclab.core.config.ScalingConfig;
import org.caniclab.core.config.ScalingConfigValidator;
import org.caniclab.core.ic.CanisterRole;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Exhaustive over min, max, count in 0..40 (no randomness, so the case itself is the reproducer). */
@Tag("property")
class ScalingPolicyPropertyTest {
    private static final int N = 40;
    private static final CanisterRole ROLE = new CanisterRole("scale");

    /** The §1.3 table, written independently: {reason, text}. */
    private static String[] oracle(String pool, int count, int min, int max) {
        boolean atMax = max != 0 && !(count < max);
        if (atMax) {
            return new String[] {"AT_MAX_WORKERS", "pool '" + pool + "' at max_workers (" + count + "/" + max + ")"};
        }
        if (min > count) {
            return new String[] {"BELOW_MIN_WORKERS",
                    "pool '" + pool + "' below min_workers (current " + count + ", min " + min + ")"};
        }
        return new String[] {"WITHIN_BOUNDS",
                "pool '" + pool + "' within policy bounds (current " + count + ", min " + min + ", max " + max + ")"};
    }

    @Test
    void planEqualsTheDecisionTableForEveryMinMaxAndCount() {
        for (int min = 0; min <= N; min++) {
            for (int max = 0; max <= N; max++) {
                ScalePool pool = new ScalePool(ROLE, new ScalePoolPolicy(1, min, max));
                Optional<ScalingConfig> cfg = Optional.of(ScalingConfig.builder().pool("pool-a", pool).build());
                for (int count = 0; count <= N; count++) {
                    String c = "min=" + min + " max=" + max + " count=" + count;
                    String[] expected = oracle("pool-a", count, min, max);
                    ScalingPlan plan = ScalingPolicy.seed().planCreateWorker("pool-a", count, cfg);
                    assertEquals(expected[0], plan.reason().name(), c);
                    assertEquals(expected[1], plan.reasonText(), c);
                    assertEquals(expected[0].equals("BELOW_MIN_WORKERS"), plan.shouldSpawn(), c);
                    assertEquals(count, plan.count(), c);
                    assertEquals("pool-a", plan.pool(), c);
                    assertEquals(ROLE, plan.poolConfig().canisterRole(), c);
                    assertEquals(plan.reason(), ScalingPolicy.decide(count, min, pool.policy()), c);
                }
            }
        }
    }

    @Test
    void validConfigNeverSpawnsAtOrAboveMinNorAtOrAboveMax() {
        int validConfigs = 0;
        for (int min = 0; min <= N; min++) {
            for (int max = 0; max <= N; max++) {
                ScalePool pool = new ScalePool(ROLE, new ScalePoolPolicy(0, min, max));
                ScalingConfig cfg = ScalingConfig.builder().pool("p", pool).build();
                if (!ScalingConfigValidator.validate(cfg).isEmpty()) {
                    assertFalse(max == 0 || max >= min, "min=" + min + " max=" + max + " wrongly rejected");
                    continue;
                }
                validConfigs++;
                for (int count = 0; count <= N; count++) {
                    ScalingPlan plan = ScalingPolicy.seed().planCreateWorker("p", count, Optional.of(cfg));
                    String c = "min=" + min + " max=" + max + " count=" + count;
                    if (count >= min) {
                        assertFalse(plan.shouldSpawn(), c + ": spawned at or above min");
                    }
                    if (max > 0 && count >= max) {
                        assertFalse(plan.shouldSpawn(), c + ": spawned at or above max");
                        assertEquals(PlanReason.AT_MAX_WORKERS, plan.reason(), c);
                    }
                    if (count < min) {
                        assertEquals(PlanReason.BELOW_MIN_WORKERS, plan.reason(), c + ": a valid pool below min must spawn");
                    }
                }
            }
        }
        // max = 0 with any min (41), plus max in 1..40 with min in 0..max (2 + 3 + ... + 41 = 860)
        assertEquals(41 + 860, validConfigs, "number of configurations validation accepts");
    }
}
