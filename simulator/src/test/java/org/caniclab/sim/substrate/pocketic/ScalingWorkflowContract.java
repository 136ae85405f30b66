package org.caniclab.sim.substrate.pocketic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.caniclab.core.config.ScalePool;
import org.caniclab.core.config.ScalePoolPolicy;
import org.caniclab.core.config.ScalingConfig;
import org.caniclab.core.error.CanicError;
import org.caniclab.core.error.ErrorCode;
import org.caniclab.core.ic.CanisterRole;
import org.caniclab.core.ic.Principal;
import org.caniclab.core.metrics.ScalingMetrics;
import org.caniclab.core.registry.RegisteredWorker;
import org.caniclab.core.workflow.ScalingWorkflow;
import org.caniclab.sim.substrate.HubPort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The core workflow run end to end on {@link PocketIcRemote} (through {@link HubPort}): one suite, held against the strict fake and,
 * when {@code POCKET_IC_BIN} is set, a real PocketIC server. Subclasses provide a fresh instance per test.
 *
 * <p>The main case is Canic 0.33.3's own PocketIC test ({@code scale_hub_bootstraps_initial_worker_then_manual_
 * create_reaches_min}, semantics spec §8.1): pool {@code scales}, role {@code scale}, initial 1, min 2, max 32.
 */
abstract class ScalingWorkflowContract {
    /** Canister-like principals for the hub and root; PocketIC checks no signatures, so root can send as itself. */
    static final Principal HUB = Principal.canisterId(1_000_001);
    static final Principal ROOT = Principal.canisterId(1_000_000);
    static final CanisterRole SCALE = new CanisterRole("scale");
    static final BigInteger CYCLES = new BigInteger("2000000000000");
    private static final List<String> ONE_WORKER = List.of("create_worker/started/ok", "create_worker/completed/ok",
            "register_worker/started/ok", "register_worker/completed/ok");

    private ExecutorService hubThread;
    private final List<Thread> hubThreads = Collections.synchronizedList(new ArrayList<>());
    protected PocketIcRemote remote;
    protected HubPort runtime;
    protected final List<String> rows = Collections.synchronizedList(new ArrayList<>());
    private final List<String> rowThreads = Collections.synchronizedList(new ArrayList<>());

    /** A fresh instance for this test (closed by the subclass). */
    protected abstract PocketIcInstance instance();

    /** Checks that the workers' principals are exactly what the substrate allocated, in creation order. */
    protected abstract void assertAllocatedExactly(List<Principal> workers);

    @BeforeEach
    void startHub() {
        hubThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "hub");
            t.setDaemon(true);
            hubThreads.add(t);
            return t;
        });
        remote = PocketIcRemote.builder(instance()).sender(ROOT).build();
        runtime = new HubPort(remote, HUB, hubThread, pool -> CYCLES);
    }

    @AfterEach
    void stopHub() {
        if (remote != null) { // null when set-up was skipped
            remote.close();
        }
        hubThread.shutdownNow();
    }

    private ScalingWorkflow workflow(int initial, int min, int max) {
        ScalingConfig cfg = ScalingConfig.builder().pool("scales", new ScalePool(SCALE,
                new ScalePoolPolicy(initial, min, max))).build();
        return ScalingWorkflow.builder(runtime).config(cfg).metrics(new ScalingMetrics((op, out, reason) -> {
            rows.add(op.label() + "/" + out.label() + "/" + reason.label());
            rowThreads.add(Thread.currentThread().getName());
        })).build();
    }

    /** Runs a workflow call on the hub thread and waits (bounded) for its stage. */
    private <T> T onHub(Supplier<CompletionStage<T>> call) throws InterruptedException, TimeoutException {
        try {
            return CompletableFuture.supplyAsync(call, hubThread).thenCompose(s -> s).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("workflow call failed: " + e.getCause(), e.getCause());
        }
    }

    private CanicError failureOnHub(Supplier<CompletionStage<?>> call) throws InterruptedException, TimeoutException {
        try {
            Object v = CompletableFuture.supplyAsync(call, hubThread).thenCompose(s -> s).get(30, TimeUnit.SECONDS);
            return fail("expected a failure, got " + v);
        } catch (ExecutionException e) {
            return assertInstanceOf(CanicError.class, e.getCause());
        }
    }

    @Test
    void bootstrapsTheInitialWorkerThenAManualCreateReachesMin() throws Exception {
        ScalingWorkflow wf = workflow(1, 2, 32);
        onHub(wf::bootstrapConfiguredInitialWorkers);
        assertEquals(1, wf.registry().countByPool("scales"), "root's registry has exactly 1 scale child");
        Principal second = onHub(() -> wf.createWorker("scales"));
        assertEquals(2, wf.registry().countByPool("scales"));

        List<String> expected = new ArrayList<>(List.of("bootstrap_config/started/ok", "bootstrap_pool/started/ok"));
        expected.addAll(ONE_WORKER);
        expected.addAll(List.of("bootstrap_pool/completed/ok", "bootstrap_config/completed/ok",
                "plan_create/started/ok", "plan_create/completed/below_min_workers"));
        expected.addAll(ONE_WORKER);
        assertEquals(expected, rows, "the seed's metric rows");
        assertTrue(rowThreads.stream().allMatch("hub"::equals), "every workflow segment ran on the hub thread");
        assertEquals(1, hubThreads.size());

        List<RegisteredWorker> entries = wf.registry().entries();
        List<Principal> workers = new ArrayList<>();
        for (RegisteredWorker w : entries) {
            workers.add(w.pid());
            assertEquals("scales", w.entry().pool());
            assertEquals(SCALE, w.entry().canisterRole());
        }
        assertTrue(workers.contains(second));
        Collections.sort(workers); // registry order is principal order; allocation is sequential
        assertAllocatedExactly(workers);
        for (Principal pid : workers) {
            assertTrue(instance().getSubnet(pid).isPresent(), pid + " exists on the instance");
            // the IC keeps controllers as a set; the order sent is checked against the fake in PocketIcRemoteTest
            assertEquals(new TreeSet<>(List.of(HUB, ROOT)), new TreeSet<>(instance().getControllers(pid)),
                    "controllers: the parent (hub) and the sender (root)");
            assertTrue(instance().getCycles(pid).compareTo(CYCLES) <= 0 && instance().getCycles(pid).signum() > 0);
        }
        assertEquals(2, remote.createdCount());
    }

    @Test
    void registersWorkersWithTheInstanceTimeInSeconds() throws Exception {
        ScalingWorkflow wf = workflow(1, 1, 32);
        long before = instance().getTime();
        onHub(wf::bootstrapConfiguredInitialWorkers);
        long after = instance().getTime();
        long createdAt = wf.registry().entries().get(0).entry().createdAtSecs();
        assertTrue(before / 1_000_000_000L <= createdAt && createdAt <= after / 1_000_000_000L,
                before + " <= " + createdAt + "s <= " + after);
        assertEquals(runtime.now() / 1_000_000_000L, createdAt);
    }

    @Test
    void refusesAtMaxWorkersWithoutAskingRoot() throws Exception {
        ScalingWorkflow wf = workflow(0, 1, 1);
        onHub(() -> wf.createWorker("scales"));
        CanicError refused = failureOnHub(() -> wf.createWorker("scales"));
        assertEquals(ErrorCode.CONFLICT, refused.publicCode());
        assertEquals(1, remote.createdCount(), "no second create reached the substrate");
        assertEquals("plan_create/skipped/at_max_workers", rows.get(rows.size() - 1));
    }

    @Test
    void bootstrapsSeveralWorkersOneAtATime() throws Exception {
        ScalingWorkflow wf = workflow(3, 1, 32);
        onHub(wf::bootstrapConfiguredInitialWorkers);
        List<Principal> workers = new ArrayList<>();
        wf.registry().entries().forEach(w -> workers.add(w.pid()));
        Collections.sort(workers);
        assertEquals(3, workers.size());
        assertAllocatedExactly(workers);
    }
}
