package org.caniclab.core.workflow;

import static org.caniclab.core.workflow.Hub.failure;
import static org.caniclab.core.workflow.Hub.pool;
import static org.caniclab.core.workflow.Hub.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.caniclab.core.config.ScalePool;
import org.caniclab.core.config.ScalePoolPolicy;
import org.caniclab.core.config.ScalingConfig;
import org.caniclab.core.error.CanicError;
import org.caniclab.core.error.ErrorCode;
import org.caniclab.core.error.ErrorOrigin;
import org.caniclab.core.ic.CanisterRole;
import org.caniclab.core.ic.CreateOutcome;
import org.caniclab.core.ic.CreateRequest;
import org.caniclab.core.ic.IcRuntime;
import org.caniclab.core.ic.Principal;
import org.caniclab.core.metrics.ScalingOperation;
import org.caniclab.core.metrics.ScalingOutcome;
import org.caniclab.core.metrics.ScalingReason;
import org.caniclab.core.registry.RegisteredWorker;
import org.caniclab.core.registry.WorkerEntry;
import org.junit.jupiter.api.Test;

class BootstrapTest {
    private static final List<String> ONE_WORKER = List.of("create_worker/started/ok", "create_worker/completed/ok",
            "register_worker/started/ok", "register_worker/completed/ok");

    private static List<String> concat(List<?>... parts) {
        List<String> out = new ArrayList<>();
        for (List<?> p : parts) {
            p.forEach(x -> out.add((String) x));
        }
        return out;
    }

    /** Answers every create as soon as it is pending, until the stage is done. */
    private static void drain(Hub hub, CompletionStage<?> stage) {
        while (!stage.toCompletableFuture().isDone()) {
            assertEquals(1, hub.ic.pending().size(), "bootstrap has exactly one create in flight");
            hub.completeOldest();
        }
    }

    @Test
    void skipsWithScalingDisabledWhenThereIsNoScalingTable() {
        Hub hub = Hub.of(null);
        CompletionStage<Void> done = hub.wf.bootstrapConfiguredInitialWorkers();
        assertNull(success(done));
        assertEquals(List.of("bootstrap_config/skipped/scaling_disabled"), hub.rows);
        assertEquals(0, hub.ic.createsRequested());
    }

    @Test
    void createsTheInitialWorkerOfAnEmptyPoolWithTheSpecRows() {
        Hub hub = Hub.of(pool("scales", 1, 1, 32));
        hub.ic.setNow(42_500_000_000L);
        CompletionStage<Void> done = hub.wf.bootstrapConfiguredInitialWorkers();
        assertFalse(done.toCompletableFuture().isDone(), "awaits root");
        assertEquals(List.of("bootstrap_config/started/ok", "bootstrap_pool/started/ok", "create_worker/started/ok"),
                hub.rows);
        Principal pid = hub.completeOldest();
        success(done);
        assertEquals(concat(List.of("bootstrap_config/started/ok", "bootstrap_pool/started/ok"), ONE_WORKER,
                List.of("bootstrap_pool/completed/ok", "bootstrap_config/completed/ok")), hub.rows);
        assertEquals(List.of(new RegisteredWorker(pid, new WorkerEntry("scales", Hub.ROLE, 42))),
                hub.wf.registry().entries());
    }

    @Test
    void skipsWithTargetSatisfiedWhenStaleRowsAlreadyMeetTheTarget() {
        Hub hub = Hub.of(pool("p", 1, 1, 32));
        hub.preRegister("p", 1);
        success(hub.wf.bootstrapConfiguredInitialWorkers());
        assertEquals(List.of("bootstrap_config/started/ok", "bootstrap_pool/started/ok",
                "bootstrap_pool/skipped/target_satisfied", "bootstrap_config/completed/ok"), hub.rows);
        assertEquals(0, hub.ic.createsRequested());
    }

    @Test
    void skipsWithNoInitialWorkersWhenInitialIsZero() {
        Hub hub = Hub.of(pool("p", 0, 3, 32));
        success(hub.wf.bootstrapConfiguredInitialWorkers());
        assertEquals(List.of("bootstrap_config/started/ok", "bootstrap_pool/started/ok",
                "bootstrap_pool/skipped/no_initial_workers", "bootstrap_config/completed/ok"), hub.rows);
        assertEquals(0, hub.ic.createsRequested());
    }

    @Test
    void completesAnEmptyPoolsTableWithoutPoolRows() {
        Hub hub = Hub.of(ScalingConfig.builder().build());
        success(hub.wf.bootstrapConfiguredInitialWorkers());
        assertEquals(List.of("bootstrap_config/started/ok", "bootstrap_config/completed/ok"), hub.rows);
    }

    @Test
    void createsWorkersOneAtATimeUpToInitialCountingStaleRows() {
        Hub hub = Hub.of(pool("p", 3, 1, 32));
        hub.preRegister("p", 1);
        CompletionStage<Void> done = hub.wf.bootstrapConfiguredInitialWorkers();
        drain(hub, done);
        success(done);
        assertEquals(2, hub.ic.createsRequested());
        assertEquals(3, hub.wf.registry().countByPool("p"));
        assertEquals(concat(List.of("bootstrap_config/started/ok", "bootstrap_pool/started/ok"), ONE_WORKER,
                ONE_WORKER, List.of("bootstrap_pool/completed/ok", "bootstrap_config/completed/ok")), hub.rows);
    }

    @Test
    void neitherConsultsThePolicyNorRecordsPlanRows() {
        Hub hub = Hub.of(pool("p", 4, 0, 0)); // the policy would refuse every spawn (count >= min 0)
        CompletionStage<Void> done = hub.wf.bootstrapConfiguredInitialWorkers();
        drain(hub, done);
        success(done);
        assertEquals(4, hub.wf.registry().countByPool("p"));
        assertTrue(hub.rows.stream().noneMatch(r -> r.startsWith("plan_create/")), hub.rows::toString);
    }

    @Test
    void bootstrapsPoolsInNameOrder() {
        CanisterRole ra = new CanisterRole("a_worker");
        CanisterRole rb = new CanisterRole("b_worker");
        ScalingConfig cfg = ScalingConfig.builder()
                .pool("c", new ScalePool(rb, new ScalePoolPolicy(0, 1, 4)))
                .pool("b", new ScalePool(rb, new ScalePoolPolicy(1, 1, 4)))
                .pool("a", new ScalePool(ra, new ScalePoolPolicy(1, 1, 4)))
                .build();
        Hub hub = Hub.of(cfg);
        CompletionStage<Void> done = hub.wf.bootstrapConfiguredInitialWorkers();
        List<CanisterRole> createdRoles = new ArrayList<>();
        List<Principal> pids = new ArrayList<>();
        while (!done.toCompletableFuture().isDone()) {
            createdRoles.add(hub.ic.pending().get(0).role());
            pids.add(hub.completeOldest());
        }
        success(done);
        assertEquals(List.of(ra, rb), createdRoles);
        assertEquals("a", hub.wf.registry().get(pids.get(0)).pool());
        assertEquals("b", hub.wf.registry().get(pids.get(1)).pool());
        assertEquals(concat(List.of("bootstrap_config/started/ok", "bootstrap_pool/started/ok"), ONE_WORKER,
                List.of("bootstrap_pool/completed/ok", "bootstrap_pool/started/ok"), ONE_WORKER,
                List.of("bootstrap_pool/completed/ok", "bootstrap_pool/started/ok",
                        "bootstrap_pool/skipped/no_initial_workers", "bootstrap_config/completed/ok")), hub.rows);
    }

    @Test
    void firstFailureAbortsTheRemainingPoolsAndPassesRootsErrorThrough() {
        ScalingConfig cfg = ScalingConfig.builder()
                .pool("a", new ScalePool(Hub.ROLE, new ScalePoolPolicy(2, 1, 4)))
                .pool("b", new ScalePool(Hub.ROLE, new ScalePoolPolicy(1, 1, 4)))
                .build();
        Hub hub = Hub.of(cfg);
        CompletionStage<Void> done = hub.wf.bootstrapConfiguredInitialWorkers();
        hub.completeOldest();
        hub.ic.fail(hub.ic.pending().get(0), CanicError.remote(ErrorCode.INTERNAL, "root is out of cycles"));
        CanicError e = failure(done);
        assertEquals(ErrorCode.INTERNAL, e.publicCode());
        assertEquals("root is out of cycles", e.getMessage());
        assertEquals(concat(List.of("bootstrap_config/started/ok", "bootstrap_pool/started/ok"), ONE_WORKER,
                List.of("create_worker/started/ok", "create_worker/failed/policy_denied",
                        "bootstrap_pool/failed/policy_denied", "bootstrap_config/failed/policy_denied")), hub.rows);
        assertEquals(2, hub.ic.createsRequested(), "pool b is never started");
        assertTrue(hub.ic.pending().isEmpty());
        assertEquals(1, hub.wf.registry().countByPool("a"));
        assertEquals(0, hub.wf.registry().countByPool("b"));
    }

    @Test
    void transportFailureInALaterPoolFailsWithInvalidState() {
        ScalingConfig cfg = ScalingConfig.builder()
                .pool("a", new ScalePool(Hub.ROLE, new ScalePoolPolicy(1, 1, 4)))
                .pool("b", new ScalePool(Hub.ROLE, new ScalePoolPolicy(1, 1, 4)))
                .pool("c", new ScalePool(Hub.ROLE, new ScalePoolPolicy(1, 1, 4)))
                .build();
        Hub hub = Hub.of(cfg);
        CompletionStage<Void> done = hub.wf.bootstrapConfiguredInitialWorkers();
        hub.completeOldest();
        hub.takeRows();
        hub.ic.fail(hub.ic.pending().get(0), CanicError.ops(ErrorOrigin.OPS, "callee trapped"));
        CanicError e = failure(done);
        assertEquals(ErrorCode.INTERNAL, e.publicCode());
        assertEquals(List.of("create_worker/failed/invalid_state", "bootstrap_pool/failed/invalid_state",
                "bootstrap_config/failed/invalid_state"), hub.rows);
        assertEquals(2, hub.ic.createsRequested(), "pool c is never started");
    }

    @Test
    void createsInitialWorkersAboveAnUnvalidatedMax() {
        Hub hub = Hub.unvalidated(pool("p", 3, 1, 2)); // validation would reject initial 3 > max 2
        CompletionStage<Void> done = hub.wf.bootstrapConfiguredInitialWorkers();
        drain(hub, done);
        success(done);
        assertEquals(3, hub.wf.registry().countByPool("p"));
    }

    @Test
    void createsAnyInitialCountWhenMaxIsZero() {
        Hub hub = Hub.of(pool("p", 5, 1, 0));
        CompletionStage<Void> done = hub.wf.bootstrapConfiguredInitialWorkers();
        drain(hub, done);
        success(done);
        assertEquals(5, hub.wf.registry().countByPool("p"));
        assertEquals(5, hub.wf.metrics().count(ScalingOperation.CREATE_WORKER, ScalingOutcome.COMPLETED,
                ScalingReason.OK));
    }

    @Test
    void leavesThePoolBelowMinWhenInitialIsSmaller() {
        Hub hub = Hub.of(pool("p", 1, 2, 4));
        CompletionStage<Void> done = hub.wf.bootstrapConfiguredInitialWorkers();
        drain(hub, done);
        success(done);
        assertEquals(1, hub.wf.registry().countByPool("p"));
        assertTrue(hub.wf.planCreateWorker("p"), "a later create_worker tops up to min");
    }

    @Test
    void bootstrapsTenThousandWorkersOnASynchronousRuntimeWithoutGrowingTheStack() throws InterruptedException {
        IcRuntime sync = new IcRuntime() {
            private long next = 1;

            @Override
            public Principal self() {
                return Principal.canisterId(0);
            }

            @Override
            public long now() {
                return 7_000_000_000L;
            }

            @Override
            public CompletionStage<CreateOutcome> createCanister(CreateRequest request) {
                return CompletableFuture.completedFuture(new CreateOutcome.Created(Principal.canisterId(next++)));
            }
        };
        Hub hub = Hub.on(sync, pool("p", 10_000, 1, 0), ConcurrencyMode.SEED_0_33_3);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<CompletionStage<Void>> stage = new AtomicReference<>();
        // a small stack, so that recursion per created worker would overflow long before 10,000
        Thread t = new Thread(null, () -> {
            try {
                stage.set(hub.wf.bootstrapConfiguredInitialWorkers());
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "small-stack-hub", 256 * 1024);
        t.start();
        t.join();
        assertNull(thrown.get(), () -> "bootstrap threw " + thrown.get());
        success(stage.get());
        assertEquals(10_000, hub.wf.registry().countByPool("p"));
        assertEquals(7, hub.wf.registry().entries().get(0).entry().createdAtSecs());
        assertEquals(List.of("bootstrap_pool/completed/ok", "bootstrap_config/completed/ok"),
                hub.rows.subList(hub.rows.size() - 2, hub.rows.size()));
        assertEquals(2 + 4 * 10_000 + 2, hub.rows.size());
    }

    @Test
    void synchronousFailureStillAbortsTheBootstrap() {
        IcRuntime failing = new CreateWorkerTest.FixedRuntime() {
            @Override
            public CompletionStage<CreateOutcome> createCanister(CreateRequest request) {
                return CompletableFuture.completedFuture(new CreateOutcome.Failed(CanicError.remote(ErrorCode.UNAVAILABLE, "no")));
            }
        };
        Hub hub = Hub.on(failing, pool("p", 3, 1, 4), ConcurrencyMode.SEED_0_33_3);
        CanicError e = failure(hub.wf.bootstrapConfiguredInitialWorkers());
        assertEquals(ErrorCode.UNAVAILABLE, e.publicCode());
        assertEquals(List.of("bootstrap_config/started/ok", "bootstrap_pool/started/ok", "create_worker/started/ok",
                "create_worker/failed/policy_denied", "bootstrap_pool/failed/policy_denied",
                "bootstrap_config/failed/policy_denied"), hub.rows);
    }
}
