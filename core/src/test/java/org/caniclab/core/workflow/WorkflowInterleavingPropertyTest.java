package org.caniclab.core.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.caniclab.core.error.CanicError;
import org.caniclab.core.error.ErrorCode;
import org.caniclab.core.error.ErrorOrigin;
import org.caniclab.core.ic.Principal;
import org.caniclab.core.metrics.ScalingMetrics;
import org.caniclab.core.metrics.ScalingOperation;
import org.caniclab.core.metrics.ScalingOutcome;
import org.caniclab.core.metrics.ScalingReason;
import org.caniclab.core.verify.ControlledIcRuntime.PendingCreate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Seeded random interleavings of user calls, the bootstrap and root's answers, checked against a model. */
@Tag("property")
class WorkflowInterleavingPropertyTest {
    private static final long BASE_SEED = 0x2_2_0333L;

    @Test
    void seedModeOverlappingCallsBelowMinAllSpawn() {
        for (int n = 0; n < 500; n++) {
            long seed = BASE_SEED + n;
            SplittableRandom rnd = new SplittableRandom(seed);
            int c = rnd.nextInt(5);
            int min = c + 1 + rnd.nextInt(5);
            int max = rnd.nextInt(3) == 0 ? 0 : min + rnd.nextInt(3);
            int k = 1 + rnd.nextInt(8);
            String ctx = "seed=" + seed + " c=" + c + " min=" + min + " max=" + max + " K=" + k;
            Hub hub = Hub.of(Hub.pool("p", 0, min, max));
            hub.preRegister("p", c);
            List<CompletionStage<Principal>> calls = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                calls.add(hub.wf.createWorker("p"));
            }
            assertEquals(k, hub.ic.pending().size(), ctx);
            while (!hub.ic.pending().isEmpty()) {
                hub.ic.complete(hub.ic.pending().get(rnd.nextInt(hub.ic.pending().size())));
            }
            for (CompletionStage<Principal> call : calls) {
                assertTrue(!call.toCompletableFuture().isCompletedExceptionally(), ctx);
            }
            assertEquals(c + k, hub.wf.registry().countByPool("p"), ctx);
            assertEquals(k, hub.wf.metrics().count(ScalingOperation.PLAN_CREATE, ScalingOutcome.COMPLETED,
                    ScalingReason.BELOW_MIN_WORKERS), ctx);
        }
    }

    @Test
    void randomSchedulesMatchTheModelInSeedMode() {
        for (int n = 0; n < 400; n++) {
            new Run(BASE_SEED + 10_000 + n, ConcurrencyMode.SEED_0_33_3).go();
        }
    }

    @Test
    void randomSchedulesMatchTheModelAndNeverOvershootInReservedMode() {
        for (int n = 0; n < 400; n++) {
            new Run(BASE_SEED + 20_000 + n, ConcurrencyMode.RESERVED).go();
        }
    }

    /** One seeded schedule against one hub with a valid configuration. */
    private static final class Run {
        final long seed;
        final ConcurrencyMode mode;
        final SplittableRandom rnd;
        final int initial;
        final int min;
        final int max;
        final int c0;
        final Hub hub;
        final StringBuilder log = new StringBuilder();
        final List<CompletableFuture<Principal>> userCalls = new ArrayList<>();
        CompletableFuture<Void> boot;
        int successes;
        int failures;
        int highWater;

        Run(long seed, ConcurrencyMode mode) {
            this.seed = seed;
            this.mode = mode;
            this.rnd = new SplittableRandom(seed);
            this.min = rnd.nextInt(5);
            this.max = rnd.nextInt(4) == 0 ? 0 : Math.max(1, min + rnd.nextInt(3));
            this.initial = rnd.nextInt((max == 0 ? 6 : max) + 1);
            this.c0 = rnd.nextInt((max == 0 ? 4 : max) + 1);
            this.hub = Hub.of(Hub.pool("p", initial, min, max), mode);
            hub.preRegister("p", c0);
        }

        String ctx() {
            return "seed=" + seed + " mode=" + mode + " initial=" + initial + " min=" + min + " max=" + max
                    + " c0=" + c0 + " schedule=" + log;
        }

        int modelObserved() {
            return c0 + successes + (mode == ConcurrencyMode.RESERVED ? hub.ic.pending().size() : 0);
        }

        boolean modelSpawns(int observed) {
            return !(max > 0 && observed >= max) && observed < min;
        }

        void go() {
            int steps = 1 + rnd.nextInt(40);
            for (int step = 0; step < steps; step++) {
                int action = rnd.nextInt(10);
                if (action < 4) {
                    startUserCall();
                } else if (action == 4 && boot == null) {
                    log.append("boot ");
                    boot = hub.wf.bootstrapConfiguredInitialWorkers().toCompletableFuture();
                } else if (action == 5) {
                    int obs = modelObserved();
                    log.append("dry ");
                    assertEquals(modelSpawns(obs), hub.wf.planCreateWorker("p"), this::ctx);
                } else if (!hub.ic.pending().isEmpty()) {
                    answer(action < 9);
                }
                checkInvariants();
            }
            while (!hub.ic.pending().isEmpty()) {
                answer(true);
                checkInvariants();
            }
            for (CompletableFuture<Principal> call : userCalls) {
                assertTrue(call.isDone(), this::ctx);
                if (!call.isCompletedExceptionally()) {
                    assertEquals("p", hub.wf.registry().get(call.join()).pool(), this::ctx);
                }
            }
            if (boot != null) {
                assertTrue(boot.isDone(), this::ctx);
                if (!boot.isCompletedExceptionally()) {
                    int registered = hub.wf.registry().countByPool("p");
                    if (mode == ConcurrencyMode.SEED_0_33_3) {
                        assertTrue(registered >= initial, this::ctx);
                    } else {
                        // the bootstrap counts other callers' reservations, which may later fail
                        assertTrue(registered + failures >= initial, this::ctx);
                    }
                }
            }
            if (mode == ConcurrencyMode.RESERVED && max > 0) {
                assertTrue(highWater <= max, () -> "registered + reserved reached " + highWater + "; " + ctx());
            }
        }

        void startUserCall() {
            int obs = modelObserved();
            int before = hub.ic.createsRequested();
            log.append("call ");
            CompletableFuture<Principal> call = hub.wf.createWorker("p").toCompletableFuture();
            userCalls.add(call);
            boolean spawned = hub.ic.createsRequested() == before + 1;
            assertEquals(modelSpawns(obs), spawned, () -> "observed " + obs + "; " + ctx());
            if (!spawned) {
                CanicError e = Hub.failure(call);
                assertEquals(ErrorCode.CONFLICT, e.publicCode(), this::ctx);
            }
        }

        void answer(boolean succeed) {
            List<PendingCreate> pending = hub.ic.pending();
            int i = rnd.nextInt(pending.size());
            PendingCreate p = pending.get(i);
            if (succeed) {
                log.append("ok#").append(p.sequence()).append(' ');
                successes++;
                hub.ic.complete(p);
            } else if (rnd.nextBoolean()) {
                failures++;
                log.append("reject#").append(p.sequence()).append(' ');
                hub.ic.fail(p, CanicError.remote(ErrorCode.INTERNAL, "root refused"));
            } else {
                failures++;
                log.append("drop#").append(p.sequence()).append(' ');
                hub.ic.fail(p, CanicError.ops(ErrorOrigin.OPS, "transport"));
            }
        }

        void checkInvariants() {
            int pending = hub.ic.pending().size();
            int registered = hub.wf.registry().countByPool("p");
            assertEquals(c0 + successes, registered, this::ctx);
            assertEquals(mode == ConcurrencyMode.RESERVED ? pending : 0, hub.wf.reservedCount("p"), this::ctx);
            assertEquals(modelObserved(), hub.wf.observedCount("p"), this::ctx);
            highWater = Math.max(highWater, hub.wf.observedCount("p"));
            if (mode == ConcurrencyMode.RESERVED) {
                assertTrue(hub.wf.observedCount("p") <= Math.max(c0, Math.max(min, initial)), this::ctx);
            }
            ScalingMetrics m = hub.wf.metrics();
            long started = m.count(ScalingOperation.CREATE_WORKER, ScalingOutcome.STARTED);
            assertEquals(hub.ic.createsRequested(), started, this::ctx);
            assertEquals(started, m.count(ScalingOperation.CREATE_WORKER, ScalingOutcome.COMPLETED)
                    + m.count(ScalingOperation.CREATE_WORKER, ScalingOutcome.FAILED) + pending, this::ctx);
            assertEquals(successes, m.count(ScalingOperation.REGISTER_WORKER, ScalingOutcome.COMPLETED,
                    ScalingReason.OK), this::ctx);
            assertEquals(m.count(ScalingOperation.PLAN_CREATE, ScalingOutcome.STARTED),
                    m.count(ScalingOperation.PLAN_CREATE, ScalingOutcome.COMPLETED)
                            + m.count(ScalingOperation.PLAN_CREATE, ScalingOutcome.SKIPPED)
                            + m.count(ScalingOperation.PLAN_CREATE, ScalingOutcome.FAILED), this::ctx);
        }
    }
}
