package org.caniclab.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.caniclab.core.config.ConfigProblem;
import org.caniclab.core.config.ScalePool;
import org.caniclab.core.config.ScalePoolPolicy;
import org.caniclab.core.config.ScalingConfig;
import org.caniclab.core.config.ScalingConfigValidator;
import org.caniclab.core.ic.CanisterRole;
import org.junit.jupiter.api.Test;

/**
 * Canic's policy fields and worker counts are {@code u32}s: every value up to 2³²−1 is valid and compares as an
 * unsigned number. Every combination of the boundary values below is checked against the spec's table written with
 * {@code long}s.
 */
class U32BoundaryTest {
    private static final long U32_MAX = 4_294_967_295L;
    private static final long[] EDGES = {0, 1, 2, 2_147_483_646L, 2_147_483_647L, 2_147_483_648L, 2_147_483_649L,
        U32_MAX - 1, U32_MAX};
    private static final CanisterRole ROLE = new CanisterRole("scale");

    private static Optional<ScalingConfig> cfg(long initial, long min, long max) {
        return Optional.of(ScalingConfig.builder()
                .pool("p", new ScalePool(ROLE, ScalePoolPolicy.ofU32(initial, min, max)))
                .build());
    }

    /** §1.3 over exact integers. */
    private static PlanReason expected(long count, long floor, long max) {
        if (max > 0 && count >= max) {
            return PlanReason.AT_MAX_WORKERS;
        }
        return count < floor ? PlanReason.BELOW_MIN_WORKERS : PlanReason.WITHIN_BOUNDS;
    }

    @Test
    void seedTableComparesCountMinAndMaxAsUnsigned() {
        for (long count : EDGES) {
            for (long min : EDGES) {
                for (long max : EDGES) {
                    ScalingPlan plan = ScalingPolicy.seed().planCreateWorker("p", (int) count, cfg(1, min, max));
                    assertEquals(expected(count, min, max), plan.reason(),
                            "count=" + count + " min=" + min + " max=" + max);
                }
            }
        }
    }

    @Test
    void loadAwareFloorIsTheUnsignedMaximumOfMinAndDemand() {
        for (long count : EDGES) {
            for (long min : EDGES) {
                for (long demand : EDGES) {
                    ScalingPlan plan = ScalingPolicy.loadAware().planCreateWorker("p", (int) count, (int) demand,
                            cfg(1, min, 0));
                    long floor = Math.max(min, demand);
                    assertEquals(expected(count, floor, 0), plan.reason(),
                            "count=" + count + " min=" + min + " demand=" + demand);
                    assertEquals(floor, Integer.toUnsignedLong(plan.minWorkers()));
                }
            }
        }
    }

    @Test
    void reasonTextsPrintTheU32sUnsigned() {
        assertEquals("pool 'p' at max_workers (4294967295/4294967295)",
                ScalingPolicy.seed().planCreateWorker("p", -1, cfg(1, 1, U32_MAX)).reasonText());
        assertEquals("pool 'p' below min_workers (current 2147483648, min 4294967295)",
                ScalingPolicy.seed().planCreateWorker("p", Integer.MIN_VALUE, cfg(1, U32_MAX, 0)).reasonText());
        assertEquals("pool 'p' within policy bounds (current 4294967294, min 1, max 4294967295)",
                ScalingPolicy.seed().planCreateWorker("p", -2, cfg(1, 1, U32_MAX)).reasonText());
    }

    @Test
    void validationComparesBoundsAsUnsigned() {
        for (long initial : EDGES) {
            for (long min : EDGES) {
                for (long max : EDGES) {
                    boolean ok = max == 0 || (max >= min && max >= initial);
                    List<ConfigProblem> problems = ScalingConfigValidator.validate(cfg(initial, min, max).get());
                    assertEquals(ok, problems.isEmpty(),
                            "initial=" + initial + " min=" + min + " max=" + max + ": " + problems);
                }
            }
        }
        List<ConfigProblem> p = ScalingConfigValidator.validate(cfg(1, U32_MAX, U32_MAX - 1).get());
        assertEquals("max_workers 4294967294 is below min_workers 4294967295; accepted is max_workers >= min_workers,"
                + " or 0 for no maximum", p.get(0).message());
    }
}
