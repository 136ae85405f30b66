package org.caniclab.sim.ic;

import static org.caniclab.sim.TestScenarios.S;
import static org.caniclab.sim.TestScenarios.T;
import static org.caniclab.sim.TestScenarios.pool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.caniclab.core.config.ScalePoolPolicy;
import org.caniclab.core.ic.Principal;
import org.caniclab.reports.MetricCount;
import org.caniclab.reports.OrchestrationEvent;
import org.caniclab.reports.PoolSummary;
import org.caniclab.reports.RunResult;
import org.caniclab.reports.TimelineRow;
import org.caniclab.sim.ProgressListener;
import org.caniclab.sim.Simulator;
import org.caniclab.sim.TestScenarios;
import org.caniclab.sim.model.FaultWindow;
import org.caniclab.sim.model.RouterKind;
import org.caniclab.sim.model.ScheduledCall;
import org.caniclab.sim.model.ServiceModel;
import org.junit.jupiter.api.Test;

/** Root-side failures (semantics §4.3) as the hub sees them, and recovery by the top-up timer. */
class CreationFailuresTest {
    private static final ServiceModel SERVICE = new ServiceModel.PerRound(10, 100);

    private static TestScenarios base(String name, ScalePoolPolicy policy) {
        return TestScenarios.named(name).pool(pool("api", policy, SERVICE, RouterKind.ROUND_ROBIN, null));
    }

    private static RunResult run(TestScenarios s) {
        return new Simulator().run(s.build(), ProgressListener.NONE);
    }

    private static long metric(RunResult r, String op, String outcome, String reason) {
        return r.metrics().stream()
                .filter(m -> m.operation().equals(op) && m.outcome().equals(outcome) && m.reason().equals(reason))
                .mapToLong(MetricCount::count).sum();
    }

    private static List<OrchestrationEvent> events(RunResult r, String call, String outcome) {
        return r.events().stream().filter(e -> e.call().equals(call) && e.outcome().equals(outcome)).toList();
    }

    @Test
    void createTakesTheCallLatencyTwiceAndRootsPipelineAligned() {
        // Round 100 ms, 1-round calls, 500 ms pipeline: sent at 0, root at 0.1 s, created at 0.6 s, hub at 0.7 s.
        RunResult r = run(base("timing", new ScalePoolPolicy(2, 2, 2)));
        List<OrchestrationEvent> done = events(r, "create_worker", "completed");
        assertEquals(2, done.size());
        assertEquals(700_000_000L, done.get(0).timeNanos());
        assertEquals(Principal.canisterId(2).toText(), done.get(0).detail());
        assertEquals(1_400_000_000L, done.get(1).timeNanos()); // the bootstrap creates one at a time
        assertEquals(Principal.canisterId(3).toText(), done.get(1).detail());
    }

    @Test
    void outOfCyclesIsRootsRejectionPassedThrough() {
        // 12T: the bootstrap's worker and one more at 5T each; the third create cannot be paid.
        RunResult r = run(base("cycles", new ScalePoolPolicy(1, 4, 8)).rootCycles(12 * T)
                .call(10 * S, ScheduledCall.Kind.CREATE_WORKER, "api", 1)
                .call(20 * S, ScheduledCall.Kind.CREATE_WORKER, "api", 1)
                .call(30 * S, ScheduledCall.Kind.CREATE_WORKER, "api", 1));
        PoolSummary api = r.pools().get(0);
        assertEquals(2, api.workersFinal());
        assertEquals(4, api.createsStarted());
        assertEquals(2, api.createsCompleted());
        assertEquals(2, api.createsFailed());
        assertEquals(10 * T, api.cyclesSpent());
        assertEquals(2, metric(r, "create_worker", "failed", "policy_denied"));
        List<OrchestrationEvent> failed = events(r, "create_worker", "failed");
        assertTrue(failed.get(0).detail().startsWith("INTERNAL: root cannot pay "),
                failed.get(0).detail()); // Canic's root answers its failures as Internal
    }

    @Test
    void fullSubnetAbortsTheBootstrap() {
        // Root, the hub and two workers fill a 4-canister subnet; the bootstrap wants 3.
        RunResult r = run(base("subnet", new ScalePoolPolicy(3, 3, 3)).subnetLimit(4));
        PoolSummary api = r.pools().get(0);
        assertEquals(2, api.workersFinal());
        assertEquals(1, api.createsFailed());
        assertEquals(1, metric(r, "bootstrap_pool", "failed", "policy_denied"));
        assertEquals(1, metric(r, "bootstrap_config", "failed", "policy_denied"));
        assertTrue(events(r, "create_worker", "failed").get(0).detail()
                .startsWith("INTERNAL: subnet canister limit reached"));
        assertEquals(1, events(r, "bootstrap", "failed").size());
    }

    @Test
    void transientRejectsAreInvalidStateAndCostNothing() {
        RunResult r = run(base("transient", new ScalePoolPolicy(1, 3, 3))
                .fault(5 * S, 15 * S, FaultWindow.Kind.TRANSIENT_REJECT, 1.0)
                .call(10 * S, ScheduledCall.Kind.CREATE_WORKER, "api", 2)
                .call(20 * S, ScheduledCall.Kind.CREATE_WORKER, "api", 1));
        PoolSummary api = r.pools().get(0);
        assertEquals(2, metric(r, "create_worker", "failed", "invalid_state"));
        assertEquals(2, api.workersFinal());
        assertEquals(2, api.createsFailed());
        assertEquals(10 * T, api.cyclesSpent());
        assertTrue(events(r, "create_worker", "failed").get(0).detail().startsWith("INTERNAL: "));
    }

    @Test
    void rootRejectsArePolicyDenied() {
        RunResult r = run(base("reject", new ScalePoolPolicy(1, 3, 3))
                .fault(5 * S, 15 * S, FaultWindow.Kind.ROOT_REJECT, 1.0)
                .call(10 * S, ScheduledCall.Kind.CREATE_WORKER, "api", 1));
        assertEquals(1, metric(r, "create_worker", "failed", "policy_denied"));
        assertTrue(events(r, "create_worker", "failed").get(0).detail()
                .startsWith("INTERNAL: root rejected the create request"));
    }

    @Test
    void orphansArePaidForUnknownToTheHubAndConsumeIds() {
        RunResult r = run(base("orphan", new ScalePoolPolicy(1, 4, 4))
                .fault(5 * S, 15 * S, FaultWindow.Kind.ORPHAN_AFTER_CREATE, 1.0)
                .call(10 * S, ScheduledCall.Kind.CREATE_WORKER, "api", 1)
                .call(20 * S, ScheduledCall.Kind.CREATE_WORKER, "api", 1));
        PoolSummary api = r.pools().get(0);
        assertEquals(2, api.workersFinal());
        assertEquals(1, api.createsFailed());
        assertEquals(15 * T, api.cyclesSpent()); // the orphan was paid for
        assertEquals(1, metric(r, "create_worker", "failed", "policy_denied"));
        List<OrchestrationEvent> orphans = events(r, "root_create", "orphaned");
        assertEquals(1, orphans.size());
        assertEquals(Principal.canisterId(3).toText(), orphans.get(0).detail());
        List<OrchestrationEvent> done = events(r, "create_worker", "completed");
        assertEquals(Principal.canisterId(4).toText(), done.get(done.size() - 1).detail());
    }

    @Test
    void partialFaultsAreDeterministicAndAccounted() {
        TestScenarios s = base("flaky", new ScalePoolPolicy(1, 50, 50)).duration(120 * S)
                .fault(0, 120 * S, FaultWindow.Kind.TRANSIENT_REJECT, 0.3)
                .fault(0, 120 * S, FaultWindow.Kind.ORPHAN_AFTER_CREATE, 0.2)
                .topUp(2 * S);
        RunResult a = run(s);
        RunResult b = run(s);
        assertEquals(a, b);
        PoolSummary api = a.pools().get(0);
        assertEquals(api.createsStarted(), api.createsCompleted() + api.createsFailed() + inFlight(a));
        assertTrue(api.createsFailed() > 5 && api.createsCompleted() > 20, api.toString());
        assertEquals(api.createsCompleted(), api.workersFinal());
    }

    private static long inFlight(RunResult r) {
        long started = events(r, "create_worker", "started").size();
        return started - events(r, "create_worker", "completed").size() - events(r, "create_worker", "failed").size();
    }

    @Test
    void topUpTimerRecoversToMinAfterTheFaultWindow() {
        RunResult r = run(base("recover", new ScalePoolPolicy(1, 3, 5)).duration(120 * S)
                .fault(0, 60 * S, FaultWindow.Kind.ROOT_REJECT, 1.0)
                .topUp(10 * S));
        PoolSummary api = r.pools().get(0);
        assertEquals(1, events(r, "bootstrap", "failed").size());
        assertEquals(3, api.workersFinal());
        assertEquals(0, api.overshootPeak());
        // Every tick before 60 s failed; none succeeded before the window ended.
        assertTrue(events(r, "create_worker", "completed").stream().allMatch(e -> e.timeNanos() > 60 * S));
        assertTrue(events(r, "create_worker", "started").stream().allMatch(e -> e.detail().equals("via bootstrap")
                || e.detail().equals("via top_up")));
        TimelineRow last = r.timeline().toList().get(r.timeline().toList().size() - 1);
        assertEquals(3, last.workers());
        assertEquals(0, r.timeline().toList().get(4).workers()); // at 50 s, still in the fault window
    }

    @Test
    void dryRunReportsWithoutSideEffects() {
        RunResult r = run(base("dry", new ScalePoolPolicy(1, 2, 2))
                .call(10 * S, ScheduledCall.Kind.PLAN_CREATE_WORKER, "api", 1)
                .call(10 * S, ScheduledCall.Kind.PLAN_CREATE_WORKER, "nope", 1));
        assertEquals("completed", events(r, "plan_create_worker", "completed").get(0).outcome());
        assertTrue(events(r, "plan_create_worker", "failed").get(0).detail().contains("'nope' not found"));
        assertEquals(1, r.pools().get(0).workersFinal());
        // the dry run is a query on the IC: its plan_create rows are discarded
        assertEquals(0, metric(r, "plan_create", "failed", "policy_denied"));
        assertEquals(0, metric(r, "plan_create", "started", "ok"));
    }
}
