package org.caniclab.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.caniclab.core.error.CanicError;
import org.caniclab.core.error.ErrorClass;
import org.caniclab.core.error.ErrorCode;
import org.caniclab.core.error.ErrorOrigin;
import org.caniclab.core.policy.PlanReason;
import org.junit.jupiter.api.Test;

class ScalingMetricsTest {

    @Test
    void exportsExactlyTheSpecOperationLabels() {
        assertEquals(List.of("bootstrap_config", "bootstrap_pool", "create_worker", "plan_create", "register_worker"),
                Arrays.stream(ScalingOperation.values()).map(ScalingOperation::label).sorted().toList());
    }

    @Test
    void exportsExactlyTheSpecOutcomeLabels() {
        assertEquals(List.of("completed", "failed", "skipped", "started"),
                Arrays.stream(ScalingOutcome.values()).map(ScalingOutcome::label).sorted().toList());
    }

    @Test
    void exportsExactlyTheSpecReasonLabels() {
        assertEquals(List.of("at_max_workers", "below_min_workers", "invalid_state", "management_call",
                        "missing_worker_entry", "no_initial_workers", "ok", "policy_denied", "scaling_disabled",
                        "target_satisfied", "unknown", "within_bounds"),
                Arrays.stream(ScalingReason.values()).map(ScalingReason::label).sorted().toList());
    }

    /** §1.7 from_error, written as the spec's four rules. */
    private static ScalingReason expectedFromError(ErrorClass cls, ErrorOrigin origin) {
        if (cls == ErrorClass.INFRA && origin == ErrorOrigin.INFRA) {
            return ScalingReason.MANAGEMENT_CALL;
        }
        if (cls == ErrorClass.ACCESS || cls == ErrorClass.DOMAIN) {
            return ScalingReason.POLICY_DENIED;
        }
        if (cls == ErrorClass.INVARIANT || cls == ErrorClass.OPS || cls == ErrorClass.WORKFLOW) {
            return ScalingReason.INVALID_STATE;
        }
        return ScalingReason.UNKNOWN;
    }

    @Test
    void classifiesErrorsByClassAndOriginForEveryCombination() {
        for (ErrorClass cls : ErrorClass.values()) {
            for (ErrorOrigin origin : ErrorOrigin.values()) {
                assertEquals(expectedFromError(cls, origin), ScalingReason.fromError(CanicError.of(cls, origin, "x")),
                        cls + "/" + origin);
            }
        }
    }

    @Test
    void classifiesTheSpecExamples() {
        assertEquals(ScalingReason.MANAGEMENT_CALL,
                ScalingReason.fromError(CanicError.of(ErrorClass.INFRA, ErrorOrigin.INFRA, "mgmt")));
        assertEquals(ScalingReason.UNKNOWN,
                ScalingReason.fromError(CanicError.of(ErrorClass.INFRA, ErrorOrigin.OPS, "x")));
        assertEquals(ScalingReason.POLICY_DENIED,
                ScalingReason.fromError(CanicError.remote(ErrorCode.INTERNAL, "root says no")));
        assertEquals(ScalingReason.INVALID_STATE,
                ScalingReason.fromError(CanicError.ops(ErrorOrigin.OPS, "transport")));
        assertEquals(ScalingReason.INVALID_STATE,
                ScalingReason.fromError(CanicError.invariant(ErrorOrigin.WORKFLOW, "x")));
        assertEquals(ScalingReason.POLICY_DENIED,
                ScalingReason.fromError(CanicError.domain(ErrorOrigin.DOMAIN, "x")));
    }

    @Test
    void mapsPlanReasonsToTheirLabels() {
        assertEquals(ScalingReason.AT_MAX_WORKERS, ScalingReason.fromPlanReason(PlanReason.AT_MAX_WORKERS));
        assertEquals(ScalingReason.BELOW_MIN_WORKERS, ScalingReason.fromPlanReason(PlanReason.BELOW_MIN_WORKERS));
        assertEquals(ScalingReason.WITHIN_BOUNDS, ScalingReason.fromPlanReason(PlanReason.WITHIN_BOUNDS));
    }

    @Test
    void helpersRecordTheSpecTriples() {
        List<String> log = new ArrayList<>();
        ScalingMetrics m = new ScalingMetrics((op, out, r) -> log.add(op.label() + "/" + out.label() + "/" + r.label()));
        m.started(ScalingOperation.PLAN_CREATE);
        m.completed(ScalingOperation.CREATE_WORKER, ScalingReason.OK);
        m.skipped(ScalingOperation.BOOTSTRAP_POOL, ScalingReason.TARGET_SATISFIED);
        m.failed(ScalingOperation.CREATE_WORKER, CanicError.ops(ErrorOrigin.OPS, "t"));
        m.failedReason(ScalingOperation.PLAN_CREATE, ScalingReason.MISSING_WORKER_ENTRY);
        m.record(ScalingOperation.REGISTER_WORKER, ScalingOutcome.COMPLETED, ScalingReason.OK);
        assertEquals(List.of("plan_create/started/ok", "create_worker/completed/ok",
                "bootstrap_pool/skipped/target_satisfied", "create_worker/failed/invalid_state",
                "plan_create/failed/missing_worker_entry", "register_worker/completed/ok"), log);
    }

    @Test
    void accumulatesPerRowAndSumsOverReasons() {
        ScalingMetrics m = new ScalingMetrics();
        m.started(ScalingOperation.PLAN_CREATE);
        m.started(ScalingOperation.PLAN_CREATE);
        m.skipped(ScalingOperation.PLAN_CREATE, ScalingReason.WITHIN_BOUNDS);
        m.skipped(ScalingOperation.PLAN_CREATE, ScalingReason.AT_MAX_WORKERS);
        m.skipped(ScalingOperation.PLAN_CREATE, ScalingReason.AT_MAX_WORKERS);
        assertEquals(2, m.count(ScalingOperation.PLAN_CREATE, ScalingOutcome.STARTED, ScalingReason.OK));
        assertEquals(2, m.count(ScalingOperation.PLAN_CREATE, ScalingOutcome.SKIPPED, ScalingReason.AT_MAX_WORKERS));
        assertEquals(3, m.count(ScalingOperation.PLAN_CREATE, ScalingOutcome.SKIPPED));
        assertEquals(0, m.count(ScalingOperation.CREATE_WORKER, ScalingOutcome.STARTED));
    }

    /** The counters array, to bring a row next to a limit that cannot be reached by incrementing. */
    private static long[] counters(ScalingMetrics m) throws ReflectiveOperationException {
        Field f = ScalingMetrics.class.getDeclaredField("counts");
        f.setAccessible(true);
        return (long[]) f.get(m);
    }

    private static int onlyNonZeroRow(long[] counts) {
        int row = -1;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                row = i;
            }
        }
        return row;
    }

    @Test
    void countsPastTwoToTheSixtyThreeAsTheU64ItIs() throws ReflectiveOperationException {
        ScalingMetrics m = new ScalingMetrics();
        m.started(ScalingOperation.CREATE_WORKER);
        long[] counts = counters(m);
        counts[onlyNonZeroRow(counts)] = Long.MAX_VALUE; // 2^63 - 1
        m.started(ScalingOperation.CREATE_WORKER);
        long c = m.count(ScalingOperation.CREATE_WORKER, ScalingOutcome.STARTED, ScalingReason.OK);
        assertEquals("9223372036854775808", Long.toUnsignedString(c));
        assertEquals(List.of("create_worker/started/ok=9223372036854775808"),
                m.snapshot().stream().map(MetricRow::toString).toList());
        assertEquals("9223372036854775808", m.snapshot().get(0).countText());
    }

    @Test
    void saturatesAtTwoToTheSixtyFourMinusOne() throws ReflectiveOperationException {
        ScalingMetrics m = new ScalingMetrics();
        m.started(ScalingOperation.CREATE_WORKER);
        long[] counts = counters(m);
        counts[onlyNonZeroRow(counts)] = -2L; // 2^64 - 2
        m.started(ScalingOperation.CREATE_WORKER);
        assertEquals(ScalingMetrics.SATURATED,
                m.count(ScalingOperation.CREATE_WORKER, ScalingOutcome.STARTED, ScalingReason.OK));
        m.started(ScalingOperation.CREATE_WORKER);
        m.started(ScalingOperation.CREATE_WORKER);
        assertEquals(ScalingMetrics.SATURATED,
                m.count(ScalingOperation.CREATE_WORKER, ScalingOutcome.STARTED, ScalingReason.OK));
        assertEquals(List.of("create_worker/started/ok=18446744073709551615"),
                m.snapshot().stream().map(MetricRow::toString).toList());
    }

    @Test
    void sumsOverReasonsUnsignedAndSaturating() throws ReflectiveOperationException {
        ScalingMetrics m = new ScalingMetrics();
        m.failed(ScalingOperation.CREATE_WORKER, CanicError.ops(ErrorOrigin.OPS, "t"));
        long[] counts = counters(m);
        counts[onlyNonZeroRow(counts)] = Long.MAX_VALUE;
        m.failed(ScalingOperation.CREATE_WORKER, CanicError.domain(ErrorOrigin.DOMAIN, "d"));
        m.failed(ScalingOperation.CREATE_WORKER, CanicError.domain(ErrorOrigin.DOMAIN, "d"));
        // 2^63 - 1 + 2 = 2^63 + 1: past the signed range, below u64::MAX
        assertEquals("9223372036854775809",
                Long.toUnsignedString(m.count(ScalingOperation.CREATE_WORKER, ScalingOutcome.FAILED)));
        m.record(ScalingOperation.CREATE_WORKER, ScalingOutcome.FAILED, ScalingReason.UNKNOWN);
        long[] after = counters(m);
        for (int i = 0; i < after.length; i++) {
            if (after[i] == 1) {
                after[i] = Long.MAX_VALUE; // three rows now sum past 2^64 - 1
            }
        }
        assertEquals(ScalingMetrics.SATURATED, m.count(ScalingOperation.CREATE_WORKER, ScalingOutcome.FAILED));
    }

    @Test
    void snapshotListsOnlyNonZeroRowsOrderedByOperationOutcomeAndReasonLabels() {
        ScalingMetrics m = new ScalingMetrics();
        List<String> recorded = new ArrayList<>();
        // every triple once, recorded in reverse declaration order, some twice
        ScalingOperation[] ops = ScalingOperation.values();
        ScalingOutcome[] outs = ScalingOutcome.values();
        ScalingReason[] reasons = ScalingReason.values();
        for (int i = ops.length - 1; i >= 0; i--) {
            for (int j = outs.length - 1; j >= 0; j--) {
                for (int k = reasons.length - 1; k >= 0; k -= 2) { // every other reason stays zero
                    m.record(ops[i], outs[j], reasons[k]);
                    if (k % 3 == 0) {
                        m.record(ops[i], outs[j], reasons[k]);
                    }
                    recorded.add(ops[i].label() + "/" + outs[j].label() + "/" + reasons[k].label());
                }
            }
        }
        Comparator<String[]> byLabels = Comparator.<String[], String>comparing(a -> a[0])
                .thenComparing(a -> a[1]).thenComparing(a -> a[2]);
        List<String> expected = recorded.stream().map(s -> s.split("/")).sorted(byLabels)
                .map(a -> String.join("/", a)).toList();
        List<MetricRow> snapshot = m.snapshot();
        assertEquals(expected, snapshot.stream().map(MetricRow::labels).toList());
        for (MetricRow r : snapshot) {
            long expectedCount = r.reason().ordinal() % 3 == 0 ? 2 : 1;
            assertEquals(expectedCount, r.count(), r.labels());
        }
    }

    @Test
    void startsEmpty() {
        assertEquals(List.of(), new ScalingMetrics().snapshot());
    }

    @Test
    void writesRowsAsOperationOutcomeReason() {
        MetricRow row = new MetricRow(ScalingOperation.BOOTSTRAP_POOL, ScalingOutcome.SKIPPED,
                ScalingReason.NO_INITIAL_WORKERS, 3);
        assertEquals("bootstrap_pool/skipped/no_initial_workers", row.labels());
        assertEquals("bootstrap_pool/skipped/no_initial_workers=3", row.toString());
    }
}
