package org.caniclab.core.workflow;

import static org.caniclab.core.workflow.Hub.pool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.caniclab.core.error.CanicError;
import org.caniclab.core.error.ErrorCode;
import org.junit.jupiter.api.Test;

/** The dry run; rows are asserted on hubs that keep them ({@code keepDryRunRows(true)}), the IC discards them. */
class DryRunTest {

    @Test
    void answersTrueBelowMinWithoutCreatingOrRegistering() {
        Hub hub = Hub.keepingDryRunRows(pool("p", 1, 2, 4));
        hub.preRegister("p", 1);
        assertTrue(hub.wf.planCreateWorker("p"));
        assertEquals(List.of("plan_create/started/ok", "plan_create/completed/below_min_workers"), hub.rows);
        assertEquals(0, hub.ic.createsRequested());
        assertEquals(1, hub.wf.registry().size());
    }

    @Test
    void answersFalseWithinBoundsWithoutError() {
        Hub hub = Hub.keepingDryRunRows(pool("p", 1, 1, 4));
        hub.preRegister("p", 1);
        assertFalse(hub.wf.planCreateWorker("p"));
        assertEquals(List.of("plan_create/started/ok", "plan_create/skipped/within_bounds"), hub.rows);
        assertEquals(0, hub.ic.createsRequested());
    }

    @Test
    void answersFalseAtMaxWorkers() {
        Hub hub = Hub.keepingDryRunRows(pool("p", 1, 2, 2));
        hub.preRegister("p", 2);
        assertFalse(hub.wf.planCreateWorker("p"));
        assertEquals(List.of("plan_create/started/ok", "plan_create/skipped/at_max_workers"), hub.rows);
    }

    @Test
    void isRepeatableBecauseItChangesNothing() {
        Hub hub = Hub.keepingDryRunRows(pool("p", 1, 1, 4));
        for (int i = 0; i < 3; i++) {
            assertTrue(hub.wf.planCreateWorker("p"), "call " + i);
        }
        assertEquals(0, hub.wf.registry().size());
        assertEquals(0, hub.ic.createsRequested());
        assertEquals(6, hub.rows.size());
    }

    @Test
    void throwsConflictForUnknownPool() {
        Hub hub = Hub.keepingDryRunRows(pool("p", 1, 1, 4));
        CanicError e = assertThrows(CanicError.class, () -> hub.wf.planCreateWorker("x"));
        assertEquals(ErrorCode.CONFLICT, e.publicCode());
        assertEquals("scaling pool 'x' not found", e.getMessage());
        assertEquals(List.of("plan_create/started/ok", "plan_create/failed/policy_denied"), hub.rows);
    }

    @Test
    void throwsConflictWhenScalingIsDisabled() {
        Hub hub = Hub.keepingDryRunRows(null);
        CanicError e = assertThrows(CanicError.class, () -> hub.wf.planCreateWorker("p"));
        assertEquals(ErrorCode.CONFLICT, e.publicCode());
        assertEquals("scaling capability disabled for this canister", e.getMessage());
        assertEquals(List.of("plan_create/started/ok", "plan_create/failed/policy_denied"), hub.rows);
    }

    @Test
    void countsReservationsInReservedModeButNotInSeedMode() {
        for (ConcurrencyMode mode : ConcurrencyMode.values()) {
            Hub hub = Hub.of(pool("p", 0, 1, 1), mode);
            hub.wf.createWorker("p"); // pending at root
            boolean wouldSpawn = hub.wf.planCreateWorker("p");
            assertEquals(mode == ConcurrencyMode.SEED_0_33_3, wouldSpawn, mode::toString);
        }
    }

    /** On the IC the dry run is a query: by default none of its rows persist, whatever it decides or throws. */
    @Test
    void discardsItsRowsByDefaultAsTheIcDiscardsAQuerysState() {
        for (int registered = 0; registered <= 3; registered++) { // below min, within bounds, at max
            Hub hub = Hub.of(pool("p", 1, 2, 3));
            hub.preRegister("p", registered);
            assertEquals(registered < 2, hub.wf.planCreateWorker("p"), "registered " + registered);
            assertEquals(List.of(), hub.rows, "registered " + registered);
            assertEquals(List.of(), hub.wf.metrics().snapshot(), "registered " + registered);
            assertFalse(hub.wf.keepsDryRunRows());
        }
        Hub unknown = Hub.of(pool("p", 1, 1, 4));
        assertThrows(CanicError.class, () -> unknown.wf.planCreateWorker("x"));
        Hub disabled = Hub.of(null);
        assertThrows(CanicError.class, () -> disabled.wf.planCreateWorker("p"));
        assertEquals(List.of(), unknown.rows);
        assertEquals(List.of(), disabled.rows);
    }

    @Test
    void discardingTheDryRunsRowsLeavesTheCreateRowsAlone() {
        Hub hub = Hub.of(pool("p", 1, 1, 4));
        hub.wf.planCreateWorker("p");
        hub.wf.createWorker("p");
        hub.completeOldest();
        hub.wf.planCreateWorker("p");
        assertEquals(List.of("plan_create/started/ok", "plan_create/completed/below_min_workers",
                "create_worker/started/ok", "create_worker/completed/ok", "register_worker/started/ok",
                "register_worker/completed/ok"), hub.rows);
    }
}
