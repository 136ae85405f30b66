package org.caniclab.sim.substrate.pocketic;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.caniclab.core.error.CanicError;
import org.caniclab.core.error.ErrorCode;
import org.caniclab.core.error.ErrorOrigin;
import org.caniclab.core.ic.CanisterRole;
import org.caniclab.core.ic.IcRuntime;
import org.caniclab.core.ic.Principal;
import org.caniclab.sim.substrate.pocketic.ManagementCandid.ProvisionalCreateArgs;

/**
 * The core workflow's port on a PocketIC instance: the runtime plays root, creating each worker with
 * {@code provisional_create_canister_with_cycles} on PocketIC's management canister, with the configured
 * cycles and controllers {@code [parent, sender]} (the sender being the principal root's ingress is sent as).
 *
 * <p>Threading: {@link #createCanister} returns at once; the blocking REST exchange runs on one of the runtime's
 * own I/O threads, and the returned stage is completed on the <em>hub's</em> executor, which the caller owns
 * and must be single-threaded (e.g. {@code Executors.newSingleThreadExecutor()}). Call the workflow on that
 * executor too: then every segment of workflow code between two awaits runs there, atomically, as the
 * {@link IcRuntime} contract requires.
 *
 * <p>Time: {@link #now()} never does I/O. It returns the instance time read by {@code get_time} when the
 * runtime was built and again on the I/O thread after each creation, before that creation's stage completes —
 * so the registry's {@code created_at} of a worker is the instance time just after root's call executed.
 * {@link #syncTime()} refreshes it on demand (blocking; not from the hub thread).
 *
 * <p>Failures: a reject from the management canister fails the stage with {@link CanicError#remote}
 * ({@link ErrorCode#OUT_OF_CYCLES}, {@link ErrorCode#RESOURCE_EXHAUSTED} or {@link ErrorCode#REJECTED}, as root
 * would pass it through); anything else (transport, server error, an unreadable reply, an unreachable server)
 * fails it with {@link CanicError#ops}, origin {@link ErrorOrigin#OPS}.
 *
 * <p>Not done here: installing code into the worker ({@code install_code}), Canic's root-side registration and
 * topology cascade — PocketIC creates empty canisters.
 *
 * <pre>{@code
 * ExecutorService hubThread = Executors.newSingleThreadExecutor();
 * try (PocketIcClient client = PocketIcClient.connect(url);
 *      PocketIcInstance instance = client.createInstance();
 *      PocketIcRuntime ic = PocketIcRuntime.builder(instance, hub, hubThread).sender(root).build()) {
 *     ScalingWorkflow wf = ScalingWorkflow.builder(ic).config(cfg).build();
 *     CompletableFuture.supplyAsync(wf::bootstrapConfiguredInitialWorkers, hubThread)
 *         .thenCompose(s -> s).get(30, TimeUnit.SECONDS);
 * } finally {
 *     hubThread.shutdown();
 * }
 * }</pre>
 */
public final class PocketIcRuntime implements IcRuntime, AutoCloseable {
    /** Canic's default {@code initial_cycles} for a new canister: 5T. */
    public static final BigInteger DEFAULT_CYCLES = new BigInteger("5000000000000");

    private final PocketIcInstance instance;
    private final Principal hub;
    private final Principal sender;
    private final BigInteger cycles;
    private final EffectivePrincipal effectivePrincipal;
    private final Executor hubExecutor;
    private final ExecutorService io;
    private final AtomicInteger created = new AtomicInteger();
    private volatile long now;

    private PocketIcRuntime(Builder b) {
        this.instance = b.instance;
        this.hub = b.hub;
        this.sender = b.sender;
        this.cycles = b.cycles;
        this.effectivePrincipal = b.effectivePrincipal;
        this.hubExecutor = b.hubExecutor;
        this.now = instance.getTime();
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "pocketic-io-" + instance.id() + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.io = new ThreadPoolExecutor(b.ioThreads, b.ioThreads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                threads);
        ((ThreadPoolExecutor) io).allowCoreThreadTimeOut(true);
    }

    /**
     * A builder for a runtime on {@code instance} whose hub is {@code hub}, completing stages on
     * {@code hubExecutor} (single-threaded, owned by the caller).
     */
    public static Builder builder(PocketIcInstance instance, Principal hub, Executor hubExecutor) {
        return new Builder(instance, hub, hubExecutor);
    }

    @Override
    public Principal self() {
        return hub;
    }

    /** The instance time cached at build time and after each creation (see the class doc); never blocks. */
    @Override
    public long now() {
        return now;
    }

    /** Reads {@code get_time} now and caches it; blocking, so call it off the hub thread. */
    public long syncTime() {
        long t = instance.getTime();
        now = t;
        return t;
    }

    /** The principal root's ingress messages are sent as (a controller of every worker). */
    public Principal sender() {
        return sender;
    }

    /** The cycles each created canister is given. */
    public BigInteger cyclesPerCanister() {
        return cycles;
    }

    public PocketIcInstance instance() {
        return instance;
    }

    /** How many canisters this runtime has created. */
    public int createdCount() {
        return created.get();
    }

    /**
     * Creates an empty canister for {@code role} with controllers {@code [parent, sender]}; the stage completes
     * on the hub executor.
     */
    @Override
    public CompletionStage<Principal> createCanister(CanisterRole role, Principal parent) {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(parent, "parent");
        CompletableFuture<Principal> stage = new CompletableFuture<>();
        try {
            io.execute(() -> {
                Principal pid = null;
                CanicError failure = null;
                try {
                    pid = create(parent);
                } catch (IngressRejectedException e) {
                    failure = rejection(role, e.reject());
                } catch (RuntimeException e) {
                    failure = CanicError.ops(ErrorOrigin.OPS, "create_canister for role " + role
                            + " failed on PocketIC: " + e.getMessage());
                }
                Principal result = pid;
                CanicError error = failure;
                complete(stage, () -> {
                    if (error != null) {
                        stage.completeExceptionally(error);
                    } else {
                        stage.complete(result);
                    }
                });
            });
        } catch (RejectedExecutionException e) {
            stage.completeExceptionally(CanicError.ops(ErrorOrigin.OPS, "create_canister for role " + role
                    + " failed: the PocketIC runtime is closed"));
        }
        return stage;
    }

    /** Stops the I/O threads (pending creations fail); leaves the instance and the hub executor to their owner. */
    @Override
    public void close() {
        io.shutdown();
        try {
            if (!io.awaitTermination(5, TimeUnit.SECONDS)) {
                io.shutdownNow();
            }
        } catch (InterruptedException e) {
            io.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    // Runs on an I/O thread.
    private Principal create(Principal parent) {
        LinkedHashSet<Principal> controllers = new LinkedHashSet<>(List.of(parent, sender));
        byte[] arg = ManagementCandid.encodeProvisionalCreateArgs(new ProvisionalCreateArgs(Optional.of(cycles),
                Optional.of(new ArrayList<>(controllers)), Optional.empty(), OptionalLong.empty()));
        byte[] reply = instance.updateCall(CanisterCall.management(sender, ManagementCandid.PROVISIONAL_CREATE, arg,
                effectivePrincipal));
        Principal pid = ManagementCandid.decodeCanisterIdRecord(reply);
        created.incrementAndGet();
        try {
            now = instance.getTime();
        } catch (RuntimeException e) {
            // The canister exists: failing the creation over a clock read would orphan it. Keep the last time.
        }
        return pid;
    }

    private static CanicError rejection(CanisterRole role, RejectInfo r) {
        ErrorCode code = r.isOutOfCycles() ? ErrorCode.OUT_OF_CYCLES
                : r.isResourceExhausted() ? ErrorCode.RESOURCE_EXHAUSTED : ErrorCode.REJECTED;
        return CanicError.remote(code, "management canister rejected create_canister for role " + role + ": " + r);
    }

    private void complete(CompletableFuture<Principal> stage, Runnable completion) {
        try {
            hubExecutor.execute(completion);
        } catch (RejectedExecutionException e) {
            // The hub is gone; completing here breaks no atomicity anyone can observe, and frees waiters.
            completion.run();
        }
    }

    /**
     * Configures a {@link PocketIcRuntime}; defaults: sender anonymous, 5T cycles, effective principal "None",
     * 4 I/O threads.
     *
     * <pre>{@code
     * PocketIcRuntime ic = PocketIcRuntime.builder(instance, hub, hubThread)
     *     .sender(root).cyclesPerCanister(new BigInteger("2000000000000")).build();
     * }</pre>
     */
    public static final class Builder {
        private final PocketIcInstance instance;
        private final Principal hub;
        private final Executor hubExecutor;
        private Principal sender = Principal.anonymous();
        private BigInteger cycles = DEFAULT_CYCLES;
        private EffectivePrincipal effectivePrincipal = EffectivePrincipal.none();
        private int ioThreads = 4;

        private Builder(PocketIcInstance instance, Principal hub, Executor hubExecutor) {
            this.instance = Objects.requireNonNull(instance, "instance");
            this.hub = Objects.requireNonNull(hub, "hub");
            this.hubExecutor = Objects.requireNonNull(hubExecutor, "hubExecutor");
        }

        /** The principal root's calls are sent as; PocketIC checks no signatures. */
        public Builder sender(Principal sender) {
            this.sender = Objects.requireNonNull(sender, "sender");
            return this;
        }

        /** Cycles given to each new canister (an explicit amount is always sent). */
        public Builder cyclesPerCanister(BigInteger cycles) {
            if (cycles.signum() < 0 || cycles.bitLength() > 128) {
                throw new IllegalArgumentException("cycles " + cycles + " is not a u128");
            }
            this.cycles = cycles;
            return this;
        }

        /** How create calls are routed: {@code None} (default, v8+) or the topology's default effective canister id. */
        public Builder effectivePrincipal(EffectivePrincipal effectivePrincipal) {
            this.effectivePrincipal = Objects.requireNonNull(effectivePrincipal, "effectivePrincipal");
            return this;
        }

        /** How many creations may talk to the server at once (PocketIC serialises them per instance anyway). */
        public Builder ioThreads(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("ioThreads must be >= 1, was " + n);
            }
            this.ioThreads = n;
            return this;
        }

        /** Builds the runtime; reads the instance time once (so it blocks briefly and may throw). */
        public PocketIcRuntime build() {
            return new PocketIcRuntime(this);
        }
    }
}
