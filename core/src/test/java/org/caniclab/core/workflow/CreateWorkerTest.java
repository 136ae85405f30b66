package org.caniclab.core.workflow;

import static org.caniclab.core.workflow.Hub.failure;
import static org.caniclab.core.workflow.Hub.pool;
import static org.caniclab.core.workflow.Hub.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.caniclab.core.config.ScalePool;
import org.caniclab.core.config.ScalePoolPolicy;
import org.caniclab.core.config.ScalingConfig;
import org.caniclab.core.error.CanicError;
import org.caniclab.core.error.ErrorClass;
import org.caniclab.core.error.ErrorCode;
import org.caniclab.core.error.ErrorOrigin;
import org.caniclab.core.ic.CanisterRole;
import org.caniclab.core.ic.CreateOutcome;
import org.caniclab.core.ic.CreateRequest;
import org.caniclab.core.ic.IcRuntime;
import org.caniclab.core.ic.Principal;
import org.caniclab.core.registry.WorkerEntry;
import org.caniclab.core.verify.ControlledIcRuntime.PendingCreate;
import org.junit.jupiter.api.Test;

class CreateWorkerTest {
    private static final List<String> PLAN_OK = List.of(
            "plan_create/started/ok", "plan_create/completed/below_min_workers", "create_worker/started/ok");

    @Test
    void createsAndRegistersAWorkerBelowMinWithTheSpecRows() {
        Hub hub = Hub.of(pool("p", 1, 1, 32));
        hub.ic.setNow(1_700_000_123_999_999_999L);
        CompletionStage<Principal> call = hub.wf.createWorker("p");

        assertFalse(call.toCompletableFuture().isDone(), "awaits root");
        assertEquals(PLAN_OK, hub.rows, "rows before the await");
        assertEquals(0, hub.wf.registry().size(), "nothing is registered before root answers");
        PendingCreate req = hub.ic.pending().get(0);
        assertEquals(Hub.ROLE, req.role());
        assertEquals(hub.ic.self(), req.parent(), "the hub is the parent");

        Principal pid = hub.completeOldest();
        assertEquals(pid, success(call));
        assertEquals(List.of("plan_create/started/ok", "plan_create/completed/below_min_workers",
                "create_worker/started/ok", "create_worker/completed/ok", "register_worker/started/ok",
                "register_worker/completed/ok"), hub.rows);
        assertEquals(new WorkerEntry("p", Hub.ROLE, 1_700_000_123L), hub.wf.registry().get(pid));
        assertEquals(1, hub.wf.registry().countByPool("p"));
    }

    @Test
    void registersTheRoleOfThePoolItCreatedFor() {
        CanisterRole a = new CanisterRole("alpha_worker");
        CanisterRole b = new CanisterRole("beta_worker");
        ScalingConfig cfg = ScalingConfig.builder()
                .pool("a", new ScalePool(a, ScalePoolPolicy.DEFAULT))
                .pool("b", new ScalePool(b, ScalePoolPolicy.DEFAULT))
                .build();
        Hub hub = Hub.of(cfg);
        CompletionStage<Principal> call = hub.wf.createWorker("b");
        assertEquals(b, hub.ic.pending().get(0).role());
        Principal pid = hub.completeOldest();
        success(call);
        assertEquals(new WorkerEntry("b", b, 0), hub.wf.registry().get(pid));
        assertEquals(0, hub.wf.registry().countByPool("a"));
    }

    @Test
    void countsOnlyWorkersOfTheRequestedPool() {
        Hub hub = Hub.of(ScalingConfig.builder()
                .pool("a", new ScalePool(Hub.ROLE, ScalePoolPolicy.DEFAULT))
                .pool("b", new ScalePool(Hub.ROLE, ScalePoolPolicy.DEFAULT))
                .build());
        hub.preRegister("b", 5);
        hub.wf.createWorker("a");
        assertEquals(1, hub.ic.createsRequested());
    }

    @Test
    void refusesWithinBoundsAsConflictCarryingTheReasonText() {
        Hub hub = Hub.of(pool("p", 1, 1, 32));
        hub.preRegister("p", 1);
        CanicError e = failure(hub.wf.createWorker("p"));
        assertEquals(List.of("plan_create/started/ok", "plan_create/skipped/within_bounds"), hub.rows);
        assertEquals(ErrorCode.CONFLICT, e.publicCode());
        assertEquals("pool 'p' within policy bounds (current 1, min 1, max 32)", e.getMessage());
        assertEquals(0, hub.ic.createsRequested());
        assertEquals(1, hub.wf.registry().size());
    }

    @Test
    void refusesSpawnAtMaxWorkersAsConflictCarryingTheReasonText() {
        Hub hub = Hub.of(pool("p", 1, 2, 2));
        hub.preRegister("p", 2);
        CanicError e = failure(hub.wf.createWorker("p"));
        assertEquals(List.of("plan_create/started/ok", "plan_create/skipped/at_max_workers"), hub.rows);
        assertEquals(ErrorCode.CONFLICT, e.publicCode());
        assertEquals("pool 'p' at max_workers (2/2)", e.getMessage());
        assertEquals(0, hub.ic.createsRequested());
    }

    @Test
    void failsForUnknownPoolWithPolicyDeniedRowAndConflict() {
        Hub hub = Hub.of(pool("p", 1, 1, 32));
        CanicError e = failure(hub.wf.createWorker("x"));
        assertEquals(List.of("plan_create/started/ok", "plan_create/failed/policy_denied"), hub.rows);
        assertEquals(ErrorCode.CONFLICT, e.publicCode());
        assertEquals("scaling pool 'x' not found", e.getMessage());
        assertEquals(0, hub.ic.createsRequested());
    }

    @Test
    void failsWhenScalingIsDisabledWithPolicyDeniedRowAndConflict() {
        Hub hub = Hub.of(null);
        CanicError e = failure(hub.wf.createWorker("p"));
        assertEquals(List.of("plan_create/started/ok", "plan_create/failed/policy_denied"), hub.rows);
        assertEquals(ErrorCode.CONFLICT, e.publicCode());
        assertEquals("scaling capability disabled for this canister", e.getMessage());
        assertEquals(0, hub.ic.createsRequested());
    }

    @Test
    void passesRootRejectionThroughWithPolicyDeniedRowAndRegistersNothing() {
        for (ErrorCode code : ErrorCode.values()) { // whatever root's conversion made of its failure
            Hub hub = Hub.of(pool("p", 1, 1, 32));
            CompletionStage<Principal> call = hub.wf.createWorker("p");
            hub.ic.fail(hub.ic.pending().get(0), CanicError.remote(code, "root refused: " + code));
            CanicError e = failure(call);
            assertEquals(List.of("plan_create/started/ok", "plan_create/completed/below_min_workers",
                    "create_worker/started/ok", "create_worker/failed/policy_denied"), hub.rows, code::toString);
            assertEquals(code, e.publicCode());
            assertEquals("root refused: " + code, e.getMessage());
            assertEquals(0, hub.wf.registry().size(), code::toString);
        }
    }

    @Test
    void reportsTransportFailureAsInvalidStateAndInternal() {
        Hub hub = Hub.of(pool("p", 1, 1, 32));
        CompletionStage<Principal> call = hub.wf.createWorker("p");
        hub.ic.fail(hub.ic.pending().get(0), CanicError.ops(ErrorOrigin.OPS, "SysTransient"));
        CanicError e = failure(call);
        assertEquals(List.of("plan_create/started/ok", "plan_create/completed/below_min_workers",
                "create_worker/started/ok", "create_worker/failed/invalid_state"), hub.rows);
        assertEquals(ErrorCode.INTERNAL, e.publicCode());
        assertEquals(0, hub.wf.registry().size());
    }

    @Test
    void treatsAnyOtherThrowableFromThePortAsTransportFailure() {
        IcRuntime broken = new FixedRuntime() {
            @Override
            public CompletionStage<CreateOutcome> createCanister(CreateRequest request) {
                return CompletableFuture.failedFuture(new IllegalStateException("connection reset"));
            }
        };
        Hub hub = Hub.on(broken, pool("p", 1, 1, 32), ConcurrencyMode.SEED_0_33_3);
        CanicError e = failure(hub.wf.createWorker("p"));
        assertEquals("create_worker/failed/invalid_state", hub.rows.get(hub.rows.size() - 1));
        assertEquals(ErrorClass.OPS, e.errorClass());
        assertEquals(ErrorCode.INTERNAL, e.publicCode());
        assertTrue(e.getMessage().contains("connection reset"), e.getMessage());
        assertEquals(0, hub.wf.registry().size());
    }

    @Test
    void treatsAPortThatThrowsInsteadOfFailingAsTransportFailure() {
        IcRuntime throwing = new FixedRuntime() {
            @Override
            public CompletionStage<CreateOutcome> createCanister(CreateRequest request) {
                throw new IllegalStateException("no route to root");
            }
        };
        Hub hub = Hub.on(throwing, pool("p", 1, 1, 32), ConcurrencyMode.RESERVED);
        CanicError e = failure(hub.wf.createWorker("p"));
        assertEquals(List.of("plan_create/started/ok", "plan_create/completed/below_min_workers",
                "create_worker/started/ok", "create_worker/failed/invalid_state"), hub.rows);
        assertEquals(ErrorCode.INTERNAL, e.publicCode());
        assertEquals(0, hub.wf.reservedCount("p"), "the reservation is released");
    }

    @Test
    void recordsManagementCallForInfraErrorsOfInfraOrigin() {
        Hub hub = Hub.of(pool("p", 1, 1, 32));
        CompletionStage<Principal> call = hub.wf.createWorker("p");
        hub.ic.fail(hub.ic.pending().get(0), CanicError.of(ErrorClass.INFRA, ErrorOrigin.INFRA, "mgmt"));
        failure(call);
        assertEquals("create_worker/failed/management_call", hub.rows.get(hub.rows.size() - 1));
    }

    @Test
    void spawnsAgainAfterAFailedCreateBecauseNothingWasRegistered() {
        Hub hub = Hub.of(pool("p", 1, 1, 1));
        CompletionStage<Principal> first = hub.wf.createWorker("p");
        hub.ic.fail(hub.ic.pending().get(0), CanicError.remote(ErrorCode.INTERNAL, "no"));
        failure(first);
        CompletionStage<Principal> second = hub.wf.createWorker("p");
        hub.completeOldest();
        success(second);
        assertEquals(1, hub.wf.registry().countByPool("p"));
    }

    @Test
    void topsUpOnlyToMinWorkersWhenCalledSequentially() {
        Hub hub = Hub.of(pool("p", 0, 3, 10));
        for (int i = 0; i < 6; i++) {
            CompletionStage<Principal> call = hub.wf.createWorker("p");
            if (!hub.ic.pending().isEmpty()) {
                hub.completeOldest();
            }
            assertEquals(i < 3, !call.toCompletableFuture().isCompletedExceptionally(), "call " + i);
        }
        assertEquals(3, hub.wf.registry().countByPool("p"));
        assertEquals(3, hub.ic.createsRequested());
    }

    /** A runtime whose create calls the test decides; self is canister 0, time is fixed. */
    abstract static class FixedRuntime implements IcRuntime {
        @Override
        public Principal self() {
            return Principal.canisterId(0);
        }

        @Override
        public long now() {
            return 0;
        }
    }
}
