package org.caniclab.core.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.caniclab.core.config.ScalePool;
import org.caniclab.core.config.ScalePoolPolicy;
import org.caniclab.core.config.ScalingConfig;
import org.caniclab.core.error.CanicError;
import org.caniclab.core.error.ErrorCode;
import org.caniclab.core.ic.CanisterRole;
import org.caniclab.core.ic.CreateOutcome;
import org.caniclab.core.ic.CreateRequest;
import org.caniclab.core.ic.IcRuntime;
import org.caniclab.core.ic.Principal;
import org.caniclab.core.verify.ControlledIcRuntime;
import org.caniclab.core.workflow.ConcurrencyMode;
import org.junit.jupiter.api.Test;

/** The driver's events, outcomes and counters for each kind of call, on a runtime the test answers by hand. */
class HubDriverTest {
    private static final CanisterRole ROLE = new CanisterRole("scale");

    private final ControlledIcRuntime ic = new ControlledIcRuntime();
    private final List<String> events = new ArrayList<>();
    private final List<String> registrations = new ArrayList<>();

    private HubDriver driver(ConcurrencyMode mode, String... pools) {
        ScalingConfig.Builder cfg = ScalingConfig.builder();
        for (String p : pools) {
            cfg.pool(p, new ScalePool(ROLE, new ScalePoolPolicy(1, 2, 2)));
        }
        return HubDriver.builder(ic).config(cfg.build()).mode(mode).listener(new HubListener() {
            @Override
            public void event(HubEvent e) {
                events.add(e.pool() + " " + e.call() + " " + e.outcome() + " " + e.detail());
            }

            @Override
            public void registered(String pool, Principal pid, int count) {
                registrations.add(pool + " " + pid + " " + count);
            }
        }).build();
    }

    private static CallOutcome done(CompletionStage<CallOutcome> s) {
        CompletableFuture<CallOutcome> f = s.toCompletableFuture();
        assertTrue(f.isDone(), "the call has ended");
        return f.join();
    }

    @Test
    void aCreateNamesItsPoolAndIsLoggedOnTheWayOutAndBack() {
        HubDriver hub = driver(ConcurrencyMode.SEED_0_33_3, "api", "batch");
        CompletionStage<CallOutcome> call = hub.execute(new HubCall.CreateWorker("batch"), "scheduled");
        assertFalse(call.toCompletableFuture().isDone(), "awaiting root");
        CreateRequest sent = ic.pending().get(0).request();
        assertEquals(new CreateRequest("batch", ROLE, ic.self(), CreateRequest.Cause.CREATE_WORKER), sent);
        assertEquals(1, hub.createsInFlight("batch"));
        assertEquals(0, hub.createsInFlight("api"));
        Principal pid = ic.complete(ic.pending().get(0));
        assertEquals(CallOutcome.COMPLETED, done(call));
        assertEquals(List.of("batch create_worker started via scheduled", "batch create_worker completed " + pid),
                events);
        assertEquals(List.of("batch " + pid + " 1"), registrations);
        assertEquals(1, hub.createsStarted("batch"));
        assertEquals(1, hub.createsCompleted("batch"));
        assertEquals(0, hub.createsInFlight("batch"));
        assertEquals(1, hub.peakRegistered("batch"));
    }

    @Test
    void aRefusalIsSkippedWithTheReasonAndNothingIsSent() {
        HubDriver hub = driver(ConcurrencyMode.SEED_0_33_3, "api");
        hub.execute(new HubCall.CreateWorker("api"), "top_up");
        ic.complete(ic.pending().get(0));
        hub.execute(new HubCall.CreateWorker("api"), "top_up");
        ic.complete(ic.pending().get(0));
        events.clear();
        assertEquals(CallOutcome.SKIPPED, done(hub.execute(new HubCall.CreateWorker("api"), "autoscale")));
        assertEquals(List.of("api create_worker skipped via autoscale: pool 'api' at max_workers (2/2)"), events);
        assertEquals(2, hub.createsStarted("api"));
        assertEquals(0, ic.pending().size());
    }

    @Test
    void aFailureBeforeAnyCreateIsFailedWithTheError() {
        HubDriver hub = driver(ConcurrencyMode.SEED_0_33_3, "api");
        assertEquals(CallOutcome.FAILED, done(hub.execute(new HubCall.CreateWorker("nope"), "scheduled")));
        assertEquals(List.of("nope create_worker failed via scheduled: CONFLICT: scaling pool 'nope' not found"),
                events);
        assertEquals(0, hub.createsStarted("nope"));
    }

    @Test
    void rootsFailureFailsTheCallAndIsLoggedOnceWithTheError() {
        HubDriver hub = driver(ConcurrencyMode.RESERVED, "api");
        CompletionStage<CallOutcome> call = hub.execute(new HubCall.CreateWorker("api"), "scheduled");
        ic.fail(ic.pending().get(0), CanicError.remote(ErrorCode.INTERNAL, "no"));
        assertEquals(CallOutcome.FAILED, done(call));
        assertEquals(List.of("api create_worker started via scheduled", "api create_worker failed INTERNAL: no"),
                events);
        assertEquals(1, hub.createsFailed("api"));
        assertEquals(0, hub.createsInFlight("api"));
        assertEquals(0, hub.workflow().reservedCount("api"));
        assertEquals(List.of(), registrations);
    }

    @Test
    void theBootstrapsCreatesAreAttributedToEachPoolInTurn() {
        HubDriver hub = driver(ConcurrencyMode.SEED_0_33_3, "batch", "api");
        CompletionStage<CallOutcome> boot = hub.execute(new HubCall.Bootstrap(), "init");
        assertEquals("api", ic.pending().get(0).pool(), "pools in name order");
        Principal a = ic.complete(ic.pending().get(0));
        assertEquals("batch", ic.pending().get(0).pool());
        assertEquals(CreateRequest.Cause.BOOTSTRAP, ic.pending().get(0).request().cause());
        Principal b = ic.complete(ic.pending().get(0));
        assertEquals(CallOutcome.COMPLETED, done(boot));
        assertEquals(List.of(" bootstrap started ", "api create_worker started via bootstrap",
                "api create_worker completed " + a, "batch create_worker started via bootstrap",
                "batch create_worker completed " + b, " bootstrap completed "), events);
        assertEquals(1, hub.createsCompleted("api"));
        assertEquals(1, hub.createsCompleted("batch"));
    }

    @Test
    void aFailedBootstrapEndsFailedWithTheError() {
        HubDriver hub = driver(ConcurrencyMode.SEED_0_33_3, "api");
        CompletionStage<CallOutcome> boot = hub.execute(new HubCall.Bootstrap(), "init");
        ic.fail(ic.pending().get(0), CanicError.remote(ErrorCode.RESOURCE_EXHAUSTED, "full"));
        assertEquals(CallOutcome.FAILED, done(boot));
        assertEquals(" bootstrap failed RESOURCE_EXHAUSTED: full", events.get(events.size() - 1));
    }

    @Test
    void aDryRunSaysWhetherItWouldSpawn() {
        HubDriver hub = driver(ConcurrencyMode.SEED_0_33_3, "api");
        assertEquals(CallOutcome.COMPLETED, done(hub.execute(new HubCall.PlanCreateWorker("api"), "scheduled")));
        assertEquals(CallOutcome.FAILED, done(hub.execute(new HubCall.PlanCreateWorker("x"), "scheduled")));
        assertEquals(List.of("api plan_create_worker completed would spawn",
                "x plan_create_worker failed CONFLICT: scaling pool 'x' not found"), events);
        assertEquals(0, ic.createsRequested());
    }

    @Test
    void overlappingCallsInTheSeedModeShowThePeakTheRaceReaches() {
        HubDriver hub = driver(ConcurrencyMode.SEED_0_33_3, "api");
        for (int i = 0; i < 3; i++) {
            hub.execute(new HubCall.CreateWorker("api"), "scheduled");
        }
        assertEquals(3, hub.createsInFlight("api"), "all three planned on the same count");
        while (!ic.pending().isEmpty()) {
            ic.complete(ic.pending().get(0));
        }
        assertEquals(3, hub.peakRegistered("api"), "one over max_workers 2");
        assertEquals(3, hub.callsExecuted());
    }

    @Test
    void aPortThatThrowsFailsTheCallAsATransportFailure() {
        HubDriver hub = HubDriver.builder(new IcRuntime() {
            @Override
            public Principal self() {
                return Principal.canisterId(0);
            }

            @Override
            public long now() {
                return 0;
            }

            @Override
            public CompletionStage<CreateOutcome> createCanister(CreateRequest request) {
                throw new IllegalStateException("no route");
            }
        }).config(ScalingConfig.builder().pool("api", new ScalePool(ROLE, new ScalePoolPolicy(1, 1, 2))).build())
                .listener(new HubListener() {
                    @Override
                    public void event(HubEvent e) {
                        events.add(e.call() + " " + e.outcome());
                    }
                }).build();
        assertEquals(CallOutcome.FAILED, done(hub.execute(new HubCall.CreateWorker("api"), "scheduled")));
        assertEquals(List.of("create_worker started", "create_worker failed"), events);
        assertThrows(NullPointerException.class, () -> hub.execute(new HubCall.CreateWorker("api"), null));
    }
}
