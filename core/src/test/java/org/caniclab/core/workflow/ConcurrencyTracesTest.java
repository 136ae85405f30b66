package org.caniclab.core.workflow;

import static org.caniclab.core.workflow.Hub.failure;
import static org.caniclab.core.workflow.Hub.pool;
import static org.caniclab.core.workflow.Hub.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.caniclab.core.error.CanicError;
import org.caniclab.core.error.ErrorCode;
import org.caniclab.core.ic.Principal;
import org.junit.jupiter.api.Test;

/** The interleavings of spec §2.2, replayed step by step on a controlled runtime. */
class ConcurrencyTracesTest {
    private static final List<String> SUCCESS = List.of("plan_create/started/ok",
            "plan_create/completed/below_min_workers", "create_worker/started/ok", "create_worker/completed/ok",
            "register_worker/started/ok", "register_worker/completed/ok");

    // --- Trace 1: two overlapping create_worker, min = max = 2, count 1 -----------------------------

    @Test
    void seedModeLetsTwoOverlappingCallsOvershootMaxWorkers() {
        for (boolean bAnswersFirst : new boolean[] {false, true}) {
            Hub hub = Hub.of(pool("p", 1, 2, 2));
            hub.preRegister("p", 1);
            CompletionStage<Principal> a = hub.wf.createWorker("p"); // t1: sees 1 < 2
            CompletionStage<Principal> b = hub.wf.createWorker("p"); // t2: sees 1 < 2
            assertEquals(2, hub.ic.pending().size(), "both calls reached root");
            hub.ic.complete(hub.ic.pending().get(bAnswersFirst ? 1 : 0));
            hub.ic.complete(hub.ic.pending().get(0));
            Principal pa = success(a);
            Principal pb = success(b);
            assertTrue(!pa.equals(pb));
            assertEquals(3, hub.wf.registry().countByPool("p"), "3 > max_workers = 2");
            assertEquals(List.of("plan_create/started/ok", "plan_create/completed/below_min_workers",
                    "create_worker/started/ok", "plan_create/started/ok", "plan_create/completed/below_min_workers",
                    "create_worker/started/ok", "create_worker/completed/ok", "register_worker/started/ok",
                    "register_worker/completed/ok", "create_worker/completed/ok", "register_worker/started/ok",
                    "register_worker/completed/ok"), hub.rows);
        }
    }

    @Test
    void reservedModeRefusesTheSecondOverlappingCallAtMaxWorkers() {
        Hub hub = Hub.of(pool("p", 1, 2, 2), ConcurrencyMode.RESERVED);
        hub.preRegister("p", 1);
        CompletionStage<Principal> a = hub.wf.createWorker("p");
        assertEquals(SUCCESS.subList(0, 3), hub.takeRows());
        CompletionStage<Principal> b = hub.wf.createWorker("p");
        CanicError e = failure(b);
        assertEquals(List.of("plan_create/started/ok", "plan_create/skipped/at_max_workers"), hub.takeRows());
        assertEquals(ErrorCode.CONFLICT, e.publicCode());
        assertEquals("pool 'p' at max_workers (2/2)", e.getMessage());
        assertEquals(1, hub.ic.createsRequested());
        hub.completeOldest();
        success(a);
        assertEquals(SUCCESS.subList(3, 6), hub.rows);
        assertEquals(2, hub.wf.registry().countByPool("p"));
    }

    // --- Trace 2: bootstrap racing a user call, initial = min = max = 1 -----------------------------

    @Test
    void seedModeBootstrapRacingAUserCallRegistersTwoWorkersWithMaxOne() {
        for (boolean userAnsweredFirst : new boolean[] {false, true}) {
            Hub hub = Hub.of(pool("p", 1, 1, 1));
            CompletionStage<Void> boot = hub.wf.bootstrapConfiguredInitialWorkers(); // reads 0, suspends
            CompletionStage<Principal> user = hub.wf.createWorker("p");              // reads 0, spawns
            assertEquals(2, hub.ic.pending().size());
            hub.ic.complete(hub.ic.pending().get(userAnsweredFirst ? 1 : 0));
            hub.ic.complete(hub.ic.pending().get(0));
            success(boot);
            success(user);
            assertEquals(2, hub.wf.registry().countByPool("p"), "2 workers with max_workers = 1");
            assertEquals(List.of("bootstrap_pool/completed/ok", "bootstrap_config/completed/ok"),
                    bootstrapRowsTail(hub.rows), () -> "userAnsweredFirst=" + userAnsweredFirst);
            assertEquals(2, hub.ic.createsRequested(), "the bootstrap re-reads the count and stops");
        }
    }

    @Test
    void reservedModeBootstrapRacingAUserCallRegistersOneWorker() {
        Hub hub = Hub.of(pool("p", 1, 1, 1), ConcurrencyMode.RESERVED);
        CompletionStage<Void> boot = hub.wf.bootstrapConfiguredInitialWorkers();
        hub.takeRows();
        CanicError e = failure(hub.wf.createWorker("p"));
        assertEquals(ErrorCode.CONFLICT, e.publicCode());
        assertEquals(List.of("plan_create/started/ok", "plan_create/skipped/at_max_workers"), hub.takeRows());
        hub.completeOldest();
        success(boot);
        assertEquals(1, hub.wf.registry().countByPool("p"));
        assertEquals(1, hub.ic.createsRequested());
        assertEquals(List.of("create_worker/completed/ok", "register_worker/started/ok", "register_worker/completed/ok",
                "bootstrap_pool/completed/ok", "bootstrap_config/completed/ok"), hub.rows);
    }

    @Test
    void reservedModeBootstrapCountsAUserCallsReservationTowardsItsTarget() {
        Hub hub = Hub.of(pool("p", 1, 1, 1), ConcurrencyMode.RESERVED);
        CompletionStage<Principal> user = hub.wf.createWorker("p");
        CompletionStage<Void> boot = hub.wf.bootstrapConfiguredInitialWorkers();
        success(boot);
        assertTrue(hub.rows.contains("bootstrap_pool/skipped/target_satisfied"), hub.rows::toString);
        hub.completeOldest();
        success(user);
        assertEquals(1, hub.wf.registry().countByPool("p"));
    }

    // --- reservations -------------------------------------------------------------------------------

    @Test
    void reservedModeShowsTheReservationWhilePendingAndReleasesItOnFailure() {
        Hub hub = Hub.of(pool("p", 1, 1, 1), ConcurrencyMode.RESERVED);
        CompletionStage<Principal> a = hub.wf.createWorker("p");
        assertEquals(1, hub.wf.reservedCount("p"));
        assertEquals(1, hub.wf.observedCount("p"));
        assertEquals(0, hub.wf.registry().countByPool("p"));
        assertEquals(0, hub.wf.reservedCount("other"));

        hub.ic.fail(hub.ic.pending().get(0), CanicError.remote(ErrorCode.RESOURCE_EXHAUSTED, "subnet full"));
        assertEquals(ErrorCode.RESOURCE_EXHAUSTED, failure(a).publicCode());
        assertEquals(0, hub.wf.reservedCount("p"));
        assertEquals(0, hub.wf.observedCount("p"));

        CompletionStage<Principal> c = hub.wf.createWorker("p");
        assertEquals(2, hub.ic.createsRequested(), "a later call spawns again");
        hub.completeOldest();
        success(c);
        assertEquals(0, hub.wf.reservedCount("p"), "success converts the reservation");
        assertEquals(1, hub.wf.observedCount("p"));
    }

    @Test
    void reservedModeReleasesTheReservationWhenABootstrapCreateFails() {
        Hub hub = Hub.of(pool("p", 1, 1, 1), ConcurrencyMode.RESERVED);
        CompletionStage<Void> boot = hub.wf.bootstrapConfiguredInitialWorkers();
        assertEquals(1, hub.wf.reservedCount("p"));
        hub.ic.fail(hub.ic.pending().get(0), CanicError.remote(ErrorCode.INTERNAL, "no"));
        failure(boot);
        assertEquals(0, hub.wf.reservedCount("p"));
        CompletionStage<Principal> c = hub.wf.createWorker("p");
        hub.completeOldest();
        success(c);
    }

    @Test
    void seedModeNeverReserves() {
        Hub hub = Hub.of(pool("p", 1, 3, 3));
        hub.wf.createWorker("p");
        hub.wf.createWorker("p");
        assertEquals(0, hub.wf.reservedCount("p"));
        assertEquals(0, hub.wf.observedCount("p"));
        assertEquals(2, hub.ic.pending().size());
    }

    // --- generalisation: K overlapping calls --------------------------------------------------------

    @Test
    void seedModeLetsEveryOverlappingCallBelowMinSpawn() {
        int c = 1;
        int k = 6;
        Hub hub = Hub.of(pool("p", 0, 3, 3));
        hub.preRegister("p", c);
        List<CompletionStage<Principal>> calls = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            calls.add(hub.wf.createWorker("p"));
        }
        while (!hub.ic.pending().isEmpty()) {
            hub.ic.complete(hub.ic.pending().get(hub.ic.pending().size() - 1)); // answers in reverse
        }
        calls.forEach(Hub::success);
        assertEquals(c + k, hub.wf.registry().countByPool("p"));
        // the burst is over: the next call sees count >= max
        CanicError e = failure(hub.wf.createWorker("p"));
        assertEquals("pool 'p' at max_workers (7/3)", e.getMessage());
    }

    @Test
    void reservedModeLetsOnlyTheMissingWorkersSpawn() {
        Hub hub = Hub.of(pool("p", 0, 3, 3), ConcurrencyMode.RESERVED);
        hub.preRegister("p", 1);
        List<CompletionStage<Principal>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(hub.wf.createWorker("p"));
        }
        assertEquals(2, hub.ic.createsRequested());
        for (int i = 2; i < 6; i++) {
            assertEquals(ErrorCode.CONFLICT, failure(calls.get(i)).publicCode(), "call " + i);
        }
        while (!hub.ic.pending().isEmpty()) {
            hub.completeOldest();
        }
        success(calls.get(0));
        success(calls.get(1));
        assertEquals(3, hub.wf.registry().countByPool("p"));
    }

    @Test
    void reservedModeWithUnboundedMaxRefusesWithinBoundsOnceReservationsReachMin() {
        Hub hub = Hub.of(pool("p", 0, 2, 0), ConcurrencyMode.RESERVED);
        hub.wf.createWorker("p");
        hub.wf.createWorker("p");
        CanicError e = failure(hub.wf.createWorker("p"));
        assertEquals("pool 'p' within policy bounds (current 2, min 2, max 0)", e.getMessage());
    }

    private static List<String> bootstrapRowsTail(List<String> rows) {
        return rows.stream().filter(r -> r.startsWith("bootstrap_")).skip(2).toList();
    }
}
