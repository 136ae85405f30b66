package org.caniclab.sim.substrate.ic;

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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.caniclab.core.error.CanicError;
import org.caniclab.core.error.ErrorCode;
import org.caniclab.core.error.ErrorOrigin;
import org.caniclab.core.ic.CreateOutcome;
import org.caniclab.core.ic.CreateRequest;
import org.caniclab.core.ic.Principal;
import org.caniclab.sim.substrate.IoThreads;
import org.caniclab.sim.substrate.RemoteIc;
import org.caniclab.sim.substrate.SubstrateUnavailableException;
import org.caniclab.sim.substrate.management.ManagementCandid;
import org.caniclab.sim.substrate.management.ManagementCandid.ProvisionalCreateArgs;

/**
 * {@link RemoteIc} on a replica or mainnet through an {@link IcAgent}. {@link #open} checks the endpoint before the
 * run starts (status, root key, one certified time read), so an unusable endpoint fails there with one
 * {@link SubstrateUnavailableException} naming the URL and what to check.
 *
 * <p>Creation: on a {@link IcEndpoint.Mode#LOCAL} endpoint {@code provisional_create_canister_with_cycles} (the same
 * Candid as the PocketIC substrate, {@link ManagementCandid}) with the cycles asked for and controllers
 * {@code [parent, sender]} as on PocketIC; on mainnet the cycles ledger's {@code create_canister} with the cycles
 * asked for as the explicit amount, the identity as the only controller (the replay's hub principal is a stand-in,
 * and on mainnet it is somebody else's canister), and never more creates or cycles than the {@link MainnetPlan}.
 *
 * <p>Outcomes: a certified reject maps as on PocketIC ({@link org.caniclab.sim.substrate.management.RejectInfo
 * #toCreateError}); the ledger's {@code InsufficientFunds} to {@link ErrorCode#OUT_OF_CYCLES}, its other errors to
 * {@link ErrorCode#REJECTED}; an HTTP error or an answer outside the protocol to {@link CanicError#ops}. An
 * unreachable endpoint, a timeout or a certificate that does not verify completes the stage exceptionally with
 * {@link SubstrateUnavailableException}.
 *
 * <pre>{@code
 * try (IcRemote ic = IcRemote.open(IcEndpoint.local(url, Optional.empty()), identity, AgentTimeouts.DEFAULT)) {
 *     CreateOutcome o = ic.createCanister(request, cycles).toCompletableFuture().get();
 * }
 * }</pre>
 */
final class IcRemote implements RemoteIc {
    private final IcEndpoint endpoint;
    private final IcAgent agent;
    private final Principal effectiveCanisterId;
    private final Optional<MainnetPlan> plan;
    private final ExecutorService io;
    private final AtomicLong attempted = new AtomicLong();
    private final AtomicLong created = new AtomicLong();

    private IcRemote(IcEndpoint endpoint, IcAgent agent, Principal effectiveCanisterId, Optional<MainnetPlan> plan,
            int ioThreads) {
        this.endpoint = endpoint;
        this.agent = agent;
        this.effectiveCanisterId = effectiveCanisterId;
        this.plan = plan;
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(ioThreads, ioThreads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "ic-io-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        this.io = pool;
    }

    /**
     * Opens a session on a local endpoint ({@code plan} empty) or mainnet ({@code plan} present, required), with ic4j.
     *
     * @throws SubstrateUnavailableException when the endpoint cannot be used
     */
    static IcRemote open(IcEndpoint endpoint, IcIdentity identity, AgentTimeouts timeouts, Optional<MainnetPlan> plan) {
        return open(endpoint, url -> Ic4jAgent.connect(url, identity, timeouts), plan, Optional.empty(), 4);
    }

    /**
     * The seam under {@link #open(IcEndpoint, IcIdentity, AgentTimeouts, Optional)}: the agent factory, and for tests
     * only, a root key to trust on "mainnet" (a fake cannot sign with the real one).
     */
    static IcRemote open(IcEndpoint endpoint, Function<java.net.URI, IcAgent> agents, Optional<MainnetPlan> plan,
            Optional<byte[]> mainnetRootKeyForTests, int ioThreads) {
        Objects.requireNonNull(plan, "plan");
        if ((endpoint.mode() == IcEndpoint.Mode.MAINNET) != plan.isPresent()) {
            throw new IllegalArgumentException("a mainnet session needs its plan, and only a mainnet session has one");
        }
        IcAgent agent = agents.apply(endpoint.url());
        try {
            Principal ecid;
            if (endpoint.mode() == IcEndpoint.Mode.LOCAL) {
                IcAgent.EndpointStatus status = agent.status();
                byte[] key = status.rootKey().orElseThrow(() -> new AgentException(AgentException.Kind.CERTIFICATE,
                        endpoint.url() + "/api/v2/status publishes no root key, so it is not a local replica; for "
                                + "mainnet use --mainnet"));
                agent.trustRootKey(key);
                ecid = endpoint.effectiveCanisterId().or(status::defaultEffectiveCanisterId)
                        .orElse(IcEndpoint.LOCAL_DEFAULT_ECID);
            } else {
                // The built-in key (ic4j's) is kept: whatever the endpoint says about its key is never asked.
                mainnetRootKeyForTests.ifPresent(agent::trustRootKey);
                ecid = CyclesLedgerCandid.LEDGER;
            }
            agent.readTime(ecid); // proves reachability and the root key before the run starts
            return new IcRemote(endpoint, agent, ecid, plan, ioThreads);
        } catch (AgentException e) {
            agent.close();
            throw unavailable(endpoint, e);
        } catch (RuntimeException e) {
            agent.close();
            throw e;
        }
    }

    @Override
    public String describe() {
        return endpoint.describe();
    }

    /** What made the calls, for {@code run-info.json}. */
    String agentImplementation() {
        return agent.implementation();
    }

    /** The effective canister id creations are routed by. */
    Principal effectiveCanisterId() {
        return effectiveCanisterId;
    }

    /** The principal the calls are signed as. */
    Principal sender() {
        return agent.sender();
    }

    @Override
    public long lastKnownTime() {
        return agent.lastCertifiedTime();
    }

    @Override
    public long syncTime() {
        try {
            return agent.readTime(effectiveCanisterId);
        } catch (AgentException e) {
            throw unavailable(endpoint, e);
        }
    }

    @Override
    public CompletionStage<CreateOutcome> createCanister(CreateRequest request, BigInteger cycles) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(cycles, "cycles");
        if (cycles.signum() < 0 || cycles.bitLength() > 128) {
            throw new IllegalArgumentException("cycles " + cycles + " is not a u128");
        }
        String what = "create_canister for role " + request.role();
        if (plan.isPresent()) {
            MainnetPlan p = plan.get();
            long n = attempted.incrementAndGet();
            if (n > p.creates() || cycles.compareTo(p.cyclesEach()) > 0) {
                return CompletableFuture.completedFuture(new CreateOutcome.Failed(CanicError.ops(ErrorOrigin.OPS,
                        what + " refused before sending: the mainnet plan allows " + p.creates() + " creates of "
                                + p.cyclesEach() + " cycles, this would be create " + n + " with " + cycles)));
            }
        }
        CompletableFuture<CreateOutcome> stage = new CompletableFuture<>();
        try {
            io.execute(() -> {
                try {
                    Principal pid = plan.isPresent() ? viaLedger(request, cycles, what)
                            : provisional(request, cycles);
                    if (pid == null) {
                        return; // viaLedger completed the stage with the ledger's refusal
                    }
                    created.incrementAndGet();
                    stage.complete(new CreateOutcome.Created(pid));
                } catch (CallRejectedException e) {
                    stage.complete(new CreateOutcome.Failed(e.reject().toCreateError(what)));
                } catch (LedgerRefusal e) {
                    stage.complete(new CreateOutcome.Failed(e.error));
                } catch (AgentException e) {
                    switch (e.kind()) {
                        case UNREACHABLE, TIMEOUT, CERTIFICATE -> stage.completeExceptionally(unavailable(endpoint, e));
                        case HTTP_STATUS, PROTOCOL -> stage.complete(new CreateOutcome.Failed(CanicError.ops(
                                ErrorOrigin.OPS, what + " failed on the " + describe() + ": " + e.getMessage())));
                    }
                } catch (RuntimeException e) {
                    stage.complete(new CreateOutcome.Failed(CanicError.ops(ErrorOrigin.OPS, what + " failed on the "
                            + describe() + ": " + e)));
                }
            });
        } catch (RejectedExecutionException e) {
            stage.complete(new CreateOutcome.Failed(CanicError.ops(ErrorOrigin.OPS, what + " failed: the session on "
                    + describe() + " is closed")));
        }
        return stage;
    }

    @Override
    public long createdCount() {
        return created.get();
    }

    @Override
    public void close() {
        try {
            IoThreads.stop(io);
        } finally {
            agent.close();
        }
    }

    // Runs on an I/O thread.
    private Principal provisional(CreateRequest request, BigInteger cycles) {
        LinkedHashSet<Principal> controllers = new LinkedHashSet<>(List.of(request.parent(), agent.sender()));
        byte[] arg = ManagementCandid.encodeProvisionalCreateArgs(new ProvisionalCreateArgs(Optional.of(cycles),
                Optional.of(new ArrayList<>(controllers)), Optional.empty(), OptionalLong.empty()));
        byte[] reply = agent.update(Principal.managementCanister(), effectiveCanisterId,
                ManagementCandid.PROVISIONAL_CREATE, arg);
        try {
            return ManagementCandid.decodeCanisterIdRecord(reply);
        } catch (RuntimeException e) {
            throw new AgentException(AgentException.Kind.PROTOCOL, "the create reply is not record { canister_id : "
                    + "principal }: " + e.getMessage());
        }
    }

    // Runs on an I/O thread.
    private Principal viaLedger(CreateRequest request, BigInteger cycles, String what) {
        byte[] reply = agent.update(CyclesLedgerCandid.LEDGER, CyclesLedgerCandid.LEDGER, CyclesLedgerCandid.METHOD,
                CyclesLedgerCandid.encodeCreateCanisterArgs(cycles));
        CyclesLedgerCandid.Result r = CyclesLedgerCandid.decodeCreateCanisterResult(reply);
        if (r instanceof CyclesLedgerCandid.Result.Ok ok) {
            return ok.canisterId();
        }
        CyclesLedgerCandid.Result.Err err = (CyclesLedgerCandid.Result.Err) r;
        ErrorCode code = ErrorCode.INTERNAL; // as Canic's root answers any failure of its call (see RejectInfo)
        throw new LedgerRefusal(CanicError.remote(code, "cycles ledger refused " + what + ": " + err.name()
                + (err.detail().isEmpty() ? "" : " (" + err.detail() + ")")));
    }

    /** The ledger's own refusal, carried from the I/O step to the outcome. */
    private static final class LedgerRefusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient CanicError error;

        LedgerRefusal(CanicError error) {
            super(error.getMessage(), null, false, false);
            this.error = error;
        }
    }

    /** One line: which endpoint, what happened, what to check. */
    static SubstrateUnavailableException unavailable(IcEndpoint endpoint, AgentException e) {
        String check = switch (e.kind()) {
            case UNREACHABLE -> endpoint.mode() == IcEndpoint.Mode.LOCAL
                    ? "check that a replica listens there (dfx start, icp network start, or a PocketIC HTTP gateway)"
                    : "check the network connection and the URL";
            case TIMEOUT -> endpoint.mode() == IcEndpoint.Mode.LOCAL
                    ? "check that the replica is making progress (a PocketIC instance needs auto progress)"
                    : "check the network connection; mainnet may be slow, retry later";
            case CERTIFICATE -> endpoint.mode() == IcEndpoint.Mode.LOCAL
                    ? "check that the URL is one local replica and not mainnet or a proxy in front of another one"
                    : "check that the URL is a mainnet boundary node (e.g. " + IcEndpoint.MAINNET_URL
                            + "); a local replica takes --ic-url without --mainnet";
            case HTTP_STATUS, PROTOCOL -> "check that the URL is an IC endpoint";
        };
        return new SubstrateUnavailableException(endpoint.describe() + " cannot be used: " + e.getMessage() + "; "
                + check);
    }
}
