package org.caniclab.core.workflow;

import static org.caniclab.core.workflow.Hub.failure;
import static org.caniclab.core.workflow.Hub.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.caniclab.core.config.InvalidConfigException;
import org.caniclab.core.config.ScalePool;
import org.caniclab.core.config.ScalePoolPolicy;
import org.caniclab.core.config.ScalingConfig;
import org.caniclab.core.driver.CallOutcome;
import org.caniclab.core.driver.HubCall;
import org.caniclab.core.driver.HubDriver;
import org.caniclab.core.driver.HubEvent;
import org.caniclab.core.driver.HubListener;
import org.caniclab.core.error.CanicError;
import org.caniclab.core.error.ErrorCode;
import org.caniclab.core.ic.Principal;
import org.caniclab.core.verify.ControlledIcRuntime;
import org.junit.jupiter.api.Test;

/**
 * A pool name above 64 bytes (possible only when validation, which allows 40, was skipped): Canic panics in
 * {@code BoundedString64::new} before the message's await, so the message traps — nothing is sent to root, nothing is
 * created, and none of the message's rows persist.
 */
class StoredPoolNameTrapTest {
    private static final String LONG = "p".repeat(65);
    private static final String LONGEST = "p".repeat(64);

    private static ScalingConfig single(String name, int initial, int min, int max) {
        return ScalingConfig.builder().pool(name, new ScalePool(Hub.ROLE, new ScalePoolPolicy(initial, min, max)))
                .build();
    }

    private static void assertTrap(CanicError e, String pool, int bytes) {
        assertTrue(e.isTrap(), e::toString);
        assertEquals("canister trapped: String '" + pool + "' too long for BoundedString<64> (" + bytes + " bytes)",
                e.getMessage());
        assertEquals(ErrorCode.INTERNAL, e.publicCode());
    }

    @Test
    void createWorkerTrapsBeforeCallingRootAndRecordsNoRow() {
        for (ConcurrencyMode mode : ConcurrencyMode.values()) {
            Hub hub = Hub.unvalidated(single(LONG, 0, 1, 4), mode);
            CanicError e = failure(hub.wf.createWorker(LONG));
            assertTrap(e, LONG, 65);
            assertEquals(List.of(), hub.rows, mode::toString);
            assertEquals(0, hub.ic.createsRequested(), "nothing is created");
            assertEquals(0, hub.wf.registry().size());
            assertEquals(0, hub.wf.reservedCount(LONG), "the reservation is rolled back with the rest");
        }
    }

    @Test
    void sixtyFourBytesIsTheLongestStoredName() {
        Hub hub = Hub.unvalidated(single(LONGEST, 0, 1, 4));
        CompletionStage<Principal> call = hub.wf.createWorker(LONGEST);
        Principal pid = hub.completeOldest();
        assertEquals(pid, success(call));
        assertEquals(1, hub.wf.registry().countByPool(LONGEST));
    }

    @Test
    void measuresTheNameInUtf8Bytes() {
        String e32 = "é".repeat(32); // 64 bytes, 32 chars
        String e33 = "é".repeat(33); // 66 bytes
        Hub ok = Hub.unvalidated(single(e32, 0, 1, 4));
        ok.wf.createWorker(e32);
        assertEquals(1, ok.ic.createsRequested());
        Hub trapped = Hub.unvalidated(single(e33, 0, 1, 4));
        assertTrap(failure(trapped.wf.createWorker(e33)), e33, 66);
        String emoji = new String(Character.toChars(0x1F600)).repeat(17); // 68 bytes in 34 chars
        assertTrap(failure(Hub.unvalidated(single(emoji, 0, 1, 4)).wf.createWorker(emoji)), emoji, 68);
    }

    @Test
    void aRefusingPlanBuildsNoEntryAndDoesNotTrap() {
        // (at_max_workers cannot be reached: no worker of a long-named pool can be registered)
        Hub within = Hub.unvalidated(single(LONG, 0, 0, 4));
        CanicError e = failure(within.wf.createWorker(LONG));
        assertTrue(e.isRefusal(), e::toString);
        assertEquals(List.of("plan_create/started/ok", "plan_create/skipped/within_bounds"), within.rows);
        assertFalse(within.wf.planCreateWorker(LONG));
    }

    @Test
    void theDryRunTrapsWhenItsPlanSpawnsEvenWithItsRowsKept() {
        HubDriverHarness h = new HubDriverHarness(single(LONG, 0, 1, 4), true);
        assertEquals(CallOutcome.FAILED, h.run(new HubCall.PlanCreateWorker(LONG)));
        assertEquals(List.of(), h.driver.workflow().metrics().snapshot());
        assertTrue(h.events.get(0).detail().contains("canister trapped: String '" + LONG + "'"), h.events::toString);
        Hub hub = Hub.unvalidated(single(LONG, 0, 1, 4));
        assertTrap(assertThrows(CanicError.class, () -> hub.wf.planCreateWorker(LONG)), LONG, 65);
    }

    @Test
    void theBootstrapTrapsBeforeItsFirstCreationRecordingNothing() {
        ScalingConfig cfg = ScalingConfig.builder()
                .pool("a", new ScalePool(Hub.ROLE, new ScalePoolPolicy(0, 1, 4)))   // no initial workers
                .pool(LONG, new ScalePool(Hub.ROLE, new ScalePoolPolicy(1, 1, 4)))
                .build();
        Hub hub = Hub.unvalidated(cfg);
        CanicError e = failure(hub.wf.bootstrapConfiguredInitialWorkers());
        assertTrap(e, LONG, 65);
        assertEquals(List.of(), hub.rows, "the timer's message is rolled back, pool a's rows included");
        assertEquals(0, hub.ic.createsRequested());
    }

    @Test
    void theResumptionThatReachesTheLongPoolTrapsAndForgetsThePreviousWorker() {
        for (ConcurrencyMode mode : ConcurrencyMode.values()) {
            ScalingConfig cfg = ScalingConfig.builder()
                    .pool("a", new ScalePool(Hub.ROLE, new ScalePoolPolicy(2, 1, 4)))
                    .pool(LONG, new ScalePool(Hub.ROLE, new ScalePoolPolicy(1, 1, 4)))
                    .build();
            Hub hub = Hub.unvalidated(cfg, mode);
            CompletionStage<Void> done = hub.wf.bootstrapConfiguredInitialWorkers();
            Principal first = hub.completeOldest(); // a 1/2: the loop creates for a again, no trap
            assertEquals(List.of("bootstrap_config/started/ok", "bootstrap_pool/started/ok", "create_worker/started/ok",
                    "create_worker/completed/ok", "register_worker/started/ok", "register_worker/completed/ok",
                    "create_worker/started/ok"), hub.takeRows(), mode::toString);
            hub.completeOldest(); // a 2/2: this resumption would go on to the long pool and trap
            assertTrap(failure(done), LONG, 65);
            assertEquals(List.of(), hub.rows, "the trapping resumption records nothing");
            assertEquals(List.of(first), hub.wf.registry().entries().stream().map(w -> w.pid()).toList(),
                    "the second worker exists at root but its registration was rolled back");
            assertEquals(2, hub.ic.createsRequested());
            assertEquals(mode == ConcurrencyMode.RESERVED ? 1 : 0, hub.wf.reservedCount("a"),
                    "the release of the reservation is rolled back too");
        }
    }

    @Test
    void aLongPoolTheBootstrapNeedsNothingForDoesNotTrap() {
        ScalingConfig cfg = ScalingConfig.builder()
                .pool(LONG, new ScalePool(Hub.ROLE, new ScalePoolPolicy(0, 1, 4)))
                .pool("z", new ScalePool(Hub.ROLE, new ScalePoolPolicy(1, 1, 4)))
                .build();
        Hub hub = Hub.unvalidated(cfg);
        CompletionStage<Void> done = hub.wf.bootstrapConfiguredInitialWorkers();
        hub.completeOldest();
        success(done);
        assertEquals(1, hub.wf.registry().countByPool("z"));
    }

    @Test
    void theDriverLogsTheTrapAndSendsNothing() {
        HubDriverHarness h = new HubDriverHarness(single(LONG, 0, 1, 4), false);
        assertEquals(CallOutcome.FAILED, h.run(new HubCall.CreateWorker(LONG)));
        assertEquals(0, h.driver.createsStarted(LONG));
        assertEquals(1, h.events.size(), h.events::toString);
        assertEquals("failed", h.events.get(0).outcome());
        assertTrue(h.events.get(0).detail().startsWith("via scheduled: INTERNAL: canister trapped: String '"),
                h.events.get(0).detail());
        assertEquals(List.of(), h.driver.workflow().metrics().snapshot());
    }

    @Test
    void theBuildersRefuseAConfigurationCanicsValidationRejects() {
        ScalingConfig tooLong = single("p".repeat(41), 1, 1, 4);
        ControlledIcRuntime ic = new ControlledIcRuntime();
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> ScalingWorkflow.builder(ic).config(tooLong).build());
        assertTrue(e.getMessage().contains("41 bytes"), e.getMessage());
        assertThrows(InvalidConfigException.class, () -> HubDriver.builder(ic).config(single("p", 4, 1, 3)).build());
        assertThrows(InvalidConfigException.class, () -> HubDriver.builder(ic).config(single(LONG, 0, 1, 4)).build());
        // skipping validation is explicit
        ScalingWorkflow.builder(ic).config(tooLong).validateConfig(false).build();
        HubDriver.builder(ic).config(single("p", 4, 1, 3)).validateConfig(false).build();
        ScalingWorkflow.builder(ic).build(); // no table: nothing to validate
    }

    /** A driver over a controlled runtime that logs its events. */
    private static final class HubDriverHarness {
        final ControlledIcRuntime ic = new ControlledIcRuntime();
        final List<HubEvent> events = new ArrayList<>();
        final HubDriver driver;

        HubDriverHarness(ScalingConfig cfg, boolean keepDryRunRows) {
            driver = HubDriver.builder(ic).config(cfg).validateConfig(false).keepDryRunRows(keepDryRunRows)
                    .listener(new HubListener() {
                        @Override
                        public void event(HubEvent event) {
                            events.add(event);
                        }
                    }).build();
        }

        CallOutcome run(HubCall call) {
            return driver.execute(call, "scheduled").toCompletableFuture().join();
        }
    }
}
