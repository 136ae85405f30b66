package org.caniclab.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.caniclab.core.config.ScalePool;
import org.caniclab.core.config.ScalePoolPolicy;
import org.caniclab.core.config.ScalingConfig;
import org.caniclab.core.error.CanicError;
import org.caniclab.core.error.ErrorClass;
import org.caniclab.core.error.ErrorCode;
import org.caniclab.core.ic.CanisterRole;
import org.junit.jupiter.api.Test;

class ScalingPolicyTest {
    private static final CanisterRole ROLE = new CanisterRole("scale");

    private static Optional<ScalingConfig> cfg(String pool, int initial, int min, int max) {
        return Optional.of(ScalingConfig.builder()
                .pool(pool, new ScalePool(ROLE, new ScalePoolPolicy(initial, min, max)))
                .build());
    }

    private static ScalingPlan plan(int count, int min, int max) {
        return ScalingPolicy.seed().planCreateWorker("p", count, cfg("p", 1, min, max));
    }

    @Test
    void refusesSpawnAtMaxWorkers() {
        ScalingPlan plan = plan(2, 2, 2);
        assertEquals(PlanReason.AT_MAX_WORKERS, plan.reason());
        assertFalse(plan.shouldSpawn());
        assertEquals("pool 'p' at max_workers (2/2)", plan.reasonText());
    }

    @Test
    void refusesSpawnAboveMaxWorkersReportingTheObservedCount() {
        ScalingPlan plan = plan(5, 2, 3);
        assertEquals(PlanReason.AT_MAX_WORKERS, plan.reason());
        assertEquals("pool 'p' at max_workers (5/3)", plan.reasonText());
    }

    @Test
    void spawnsBelowMinWorkers() {
        ScalingPlan plan = plan(0, 1, 32);
        assertEquals(PlanReason.BELOW_MIN_WORKERS, plan.reason());
        assertTrue(plan.shouldSpawn());
        assertEquals("pool 'p' below min_workers (current 0, min 1)", plan.reasonText());
    }

    @Test
    void spawnPlanCarriesPoolAndConfiguredRole() {
        ScalingPlan plan = ScalingPolicy.seed().planCreateWorker("api", 1, cfg("api", 1, 3, 4));
        assertEquals("api", plan.pool());
        assertEquals(1, plan.count());
        assertEquals(3, plan.minWorkers());
        assertEquals(ROLE, plan.poolConfig().canisterRole());
    }

    @Test
    void refusesWithinPolicyBounds() {
        ScalingPlan plan = plan(1, 1, 32);
        assertEquals(PlanReason.WITHIN_BOUNDS, plan.reason());
        assertFalse(plan.shouldSpawn());
        assertEquals("pool 'p' within policy bounds (current 1, min 1, max 32)", plan.reasonText());
    }

    @Test
    void maxZeroDisablesTheMaxRuleButStillRequiresCountBelowMin() {
        assertEquals(PlanReason.BELOW_MIN_WORKERS, plan(1_000, 1_001, 0).reason());
        ScalingPlan atMin = plan(1_001, 1_001, 0);
        assertEquals(PlanReason.WITHIN_BOUNDS, atMin.reason());
        assertEquals("pool 'p' within policy bounds (current 1001, min 1001, max 0)", atMin.reasonText());
        assertEquals(PlanReason.WITHIN_BOUNDS, plan(0, 0, 0).reason());
    }

    @Test
    void checksMaxRuleBeforeMinRule() {
        // only reachable with a configuration validation rejects (min 5 > max 3)
        ScalingPlan plan = plan(3, 5, 3);
        assertEquals(PlanReason.AT_MAX_WORKERS, plan.reason());
        assertEquals("pool 'p' at max_workers (3/3)", plan.reasonText());
        assertEquals(PlanReason.BELOW_MIN_WORKERS, plan(2, 5, 3).reason());
    }

    @Test
    void ignoresInitialWorkers() {
        for (int initial : new int[] {0, 1, 7, 100}) {
            ScalingPlan plan = ScalingPolicy.seed().planCreateWorker("p", 2, cfg("p", initial, 2, 4));
            assertEquals(PlanReason.WITHIN_BOUNDS, plan.reason(), () -> "initial=" + initial);
        }
    }

    @Test
    void failsWithScalingDisabledAsDomainConflictWithoutScalingTable() {
        CanicError e = assertThrows(CanicError.class,
                () -> ScalingPolicy.seed().planCreateWorker("p", 0, Optional.empty()));
        assertEquals("scaling capability disabled for this canister", e.getMessage());
        assertEquals(ErrorClass.DOMAIN, e.errorClass());
        assertEquals(ErrorCode.CONFLICT, e.publicCode());
    }

    @Test
    void failsWithPoolNotFoundAsDomainConflictForUnknownPool() {
        CanicError e = assertThrows(CanicError.class,
                () -> ScalingPolicy.seed().planCreateWorker("x", 0, cfg("p", 1, 1, 32)));
        assertEquals("scaling pool 'x' not found", e.getMessage());
        assertEquals(ErrorClass.DOMAIN, e.errorClass());
        assertEquals(ErrorCode.CONFLICT, e.publicCode());
    }

    @Test
    void failsWithPoolNotFoundForEmptyScalingTable() {
        CanicError e = assertThrows(CanicError.class,
                () -> ScalingPolicy.seed().planCreateWorker("p", 0, Optional.of(ScalingConfig.builder().build())));
        assertEquals("scaling pool 'p' not found", e.getMessage());
    }

    @Test
    void resolvesConfiguredPool() {
        Optional<ScalingConfig> c = cfg("p", 1, 1, 32);
        assertSame(c.get().poolOrNull("p"), ScalingPolicy.resolve("p", c));
    }

    @Test
    void onlyBelowMinWorkersSpawns() {
        assertTrue(PlanReason.BELOW_MIN_WORKERS.spawns());
        assertFalse(PlanReason.AT_MAX_WORKERS.spawns());
        assertFalse(PlanReason.WITHIN_BOUNDS.spawns());
    }

    @Test
    void decidesWithAnExplicitFloorForLoadAwarePolicies() {
        ScalePoolPolicy p = new ScalePoolPolicy(1, 1, 4);
        assertEquals(PlanReason.BELOW_MIN_WORKERS, ScalingPolicy.decide(2, 3, p));
        assertEquals(PlanReason.AT_MAX_WORKERS, ScalingPolicy.decide(4, 10, p));
        assertEquals(PlanReason.WITHIN_BOUNDS, ScalingPolicy.decide(3, 3, p));
    }
}
