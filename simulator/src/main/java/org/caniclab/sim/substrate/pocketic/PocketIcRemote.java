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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.caniclab.core.error.CanicError;
import org.caniclab.core.error.ErrorCode;
import org.caniclab.core.error.ErrorOrigin;
import org.caniclab.core.ic.CanisterRole;
import org.caniclab.core.ic.CreateOutcome;
import org.caniclab.core.ic.CreateRequest;
import org.caniclab.core.ic.Principal;
import org.caniclab.sim.substrate.IoThreads;
import org.caniclab.sim.substrate.RemoteIc;
import org.caniclab.sim.substrate.SubstrateUnavailableException;
import org.caniclab.sim.substrate.management.ManagementCandid.ProvisionalCreateArgs;
import org.caniclab.sim.substrate.management.ManagementCandid;

/**
 * A PocketIC instance as a {@link RemoteIc}: it plays root, creating each worker with
 * {@code provisional_create_canister_with_cycles} on PocketIC's management canister, with the cycles asked for and
 * controllers {@code [parent, sender]} (the sender being the principal root's ingress is sent as).
 *
 * <p>Threading: {@link #createCanister} returns at once; the blocking REST exchange runs on the remote's own I/O
 * thread, which completes the stage ({@link HubPort} hops it onto the hub's thread).
 *
 * <p>Time: {@link #lastKnownTime()} never does I/O. It returns the instance time read by {@code get_time} when the
 * remote was built and again after each creation, before that creation's stage completes — so the registry's
 * {@code created_at} of a worker is the instance time just after root's call executed. {@link #syncTime()} reads it
 * now (blocking).
 *
 * <p>Failures: a reject from the management canister is {@link CreateOutcome.Failed} with {@link CanicError#remote}
 * ({@link ErrorCode#INTERNAL}, as Canic's root answers its failed management call; the message carries the reject);
 * anything else (transport, server error, an unreadable reply, an unreachable server) is
 * {@link CanicError#ops}, origin {@link ErrorOrigin#OPS}.
 *
 * <p>Not done here: installing code into the worker ({@code install_code}), Canic's root-side registration and
 * topology cascade — PocketIC creates empty canisters.
 *
 * <pre>{@code
 * try (PocketIcClient client = PocketIcClient.connect(url);
 *      PocketIcInstance instance = client.createInstance();
 *      PocketIcRemote root = PocketIcRemote.builder(instance).sender(rootPrincipal).build()) {
 *     RunResult r = OrchestrationReplay.run(scenario, root, "pocketic", OrchestrationReplay.DEFAULT_CALL_TIMEOUT);
 * }
 * }</pre>
 */
public final class PocketIcRemote implements RemoteIc {
    private final PocketIcInstance instance;
    private final Principal sender;
    private final EffectivePrincipal effectivePrincipal;
    private final ExecutorService io;
    private final AtomicInteger created = new AtomicInteger();
    private volatile long now;

    private PocketIcRemote(Builder b) {
        this.instance = b.instance;
        this.sender = b.sender;
        this.effectivePrincipal = b.effectivePrincipal;
        this.now = instance.getTime();
        this.io = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pocketic-io-" + instance.id());
            t.setDaemon(true);
            return t;
        });
    }

    /** A builder for a remote on {@code instance}. */
    public static Builder builder(PocketIcInstance instance) {
        return new Builder(instance);
    }

    @Override
    public String describe() {
        return "PocketIC server at " + instance.client().serverUrl();
    }

    /** The instance time cached at build time and after each creation (see the class doc); never blocks. */
    @Override
    public long lastKnownTime() {
        return now;
    }

    /** Reads {@code get_time} now and caches it; blocking. */
    @Override
    public long syncTime() {
        try {
            long t = instance.getTime();
            now = t;
            return t;
        } catch (PocketIcException e) {
            throw new SubstrateUnavailableException(describe() + " cannot read the instance time: " + e.getMessage(), e);
        }
    }

    /** The principal root's ingress messages are sent as (a controller of every worker). */
    public Principal sender() {
        return sender;
    }

    public PocketIcInstance instance() {
        return instance;
    }

    /** How many canisters this remote has created. */
    @Override
    public long createdCount() {
        return created.get();
    }

    /** Creates an empty canister for the request's role with controllers {@code [parent, sender]}. */
    @Override
    public CompletionStage<CreateOutcome> createCanister(CreateRequest request, BigInteger cycles) {
        Objects.requireNonNull(request, "request");
        if (cycles.signum() < 0 || cycles.bitLength() > 128) {
            throw new IllegalArgumentException("cycles " + cycles + " is not a u128");
        }
        CompletableFuture<CreateOutcome> stage = new CompletableFuture<>();
        CanisterRole role = request.role();
        try {
            io.execute(() -> {
                CreateOutcome outcome;
                try {
                    outcome = new CreateOutcome.Created(create(request.parent(), cycles));
                } catch (IngressRejectedException e) {
                    outcome = new CreateOutcome.Failed(e.reject().toCreateError("create_canister for role " + role));
                } catch (RuntimeException e) {
                    outcome = new CreateOutcome.Failed(CanicError.ops(ErrorOrigin.OPS, "create_canister for role "
                            + role + " failed on PocketIC: " + e.getMessage()));
                }
                stage.complete(outcome);
            });
        } catch (RejectedExecutionException e) {
            stage.complete(new CreateOutcome.Failed(CanicError.ops(ErrorOrigin.OPS, "create_canister for role "
                    + role + " failed: the PocketIC remote is closed")));
        }
        return stage;
    }

    /** Stops the I/O thread (a pending creation is abandoned); leaves the instance to its owner. */
    @Override
    public void close() {
        IoThreads.stop(io);
    }

    // Runs on the I/O thread.
    private Principal create(Principal parent, BigInteger cycles) {
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

    /**
     * Configures a {@link PocketIcRemote}; defaults: sender anonymous, effective principal "None".
     *
     * <pre>{@code
     * PocketIcRemote root = PocketIcRemote.builder(instance).sender(rootPrincipal).build();
     * }</pre>
     */
    public static final class Builder {
        private final PocketIcInstance instance;
        private Principal sender = Principal.anonymous();
        private EffectivePrincipal effectivePrincipal = EffectivePrincipal.none();

        private Builder(PocketIcInstance instance) {
            this.instance = Objects.requireNonNull(instance, "instance");
        }

        /** The principal root's calls are sent as; PocketIC checks no signatures. */
        public Builder sender(Principal sender) {
            this.sender = Objects.requireNonNull(sender, "sender");
            return this;
        }

        /** How create calls are routed: {@code None} (default, v8+) or the topology's default effective canister id. */
        public Builder effectivePrincipal(EffectivePrincipal effectivePrincipal) {
            this.effectivePrincipal = Objects.requireNonNull(effectivePrincipal, "effectivePrincipal");
            return this;
        }

        /** Builds the remote; reads the instance time once (so it blocks briefly and may throw). */
        public PocketIcRemote build() {
            return new PocketIcRemote(this);
        }
    }
}
