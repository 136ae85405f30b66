package org.caniclab.sim.substrate;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.caniclab.core.error.CanicError;
import org.caniclab.core.ic.CreateOutcome;
import org.caniclab.core.ic.CreateRequest;
import org.caniclab.core.ic.IcRuntime;
import org.caniclab.core.ic.Principal;

/**
 * The core port over a {@link RemoteIc}: answers come back on the hub's single-threaded executor, as the
 * {@link IcRuntime} contract requires, and creates go to the endpoint one at a time, in the order the hub issued
 * them. One at a time because PocketIC serialises an instance's operations anyway, and because it makes principals,
 * event order and event times a function of the scenario on a deterministic server; the hub does not see the
 * difference, since every issued create is in flight for it until its answer arrives.
 *
 * <p>Time: {@link #now()} is the endpoint's time as of the last answer processed on the hub (or of the last
 * {@link #refreshClock()}), stable while creates are in flight.
 *
 * <pre>{@code
 * ExecutorService hubThread = Executors.newSingleThreadExecutor();
 * HubPort port = new HubPort(remote, hub, hubThread, pool -> cycles);
 * HubDriver driver = HubDriver.builder(port).config(cfg).build();   // call it on hubThread
 * }</pre>
 */
public final class HubPort implements IcRuntime {
    private final RemoteIc remote;
    private final Principal self;
    private final Executor hub;
    private final Function<String, BigInteger> cycles;
    private final Queue<Pending> toSend = new ArrayDeque<>();
    private boolean sending;
    private long clock;
    private volatile SubstrateUnavailableException unavailable;

    /**
     * @param hub the hub's executor: single-threaded, owned by the caller
     * @param cycles the cycles a new canister of a pool is given
     */
    public HubPort(RemoteIc remote, Principal self, Executor hub, Function<String, BigInteger> cycles) {
        this.remote = Objects.requireNonNull(remote, "remote");
        this.self = Objects.requireNonNull(self, "self");
        this.hub = Objects.requireNonNull(hub, "hub");
        this.cycles = Objects.requireNonNull(cycles, "cycles");
        this.clock = remote.lastKnownTime();
    }

    @Override
    public Principal self() {
        return self;
    }

    @Override
    public long now() {
        return clock;
    }

    /** The first time the endpoint became unavailable during a create, if it did. */
    public Optional<SubstrateUnavailableException> unavailable() {
        return Optional.ofNullable(unavailable);
    }

    /** Takes the endpoint's last known time as the hub's clock; call on the hub thread. */
    public void refreshClock() {
        clock = remote.lastKnownTime();
    }

    /** Queues the create; call on the hub thread. The stage completes on the hub thread. */
    @Override
    public CompletionStage<CreateOutcome> createCanister(CreateRequest request) {
        Pending p = new Pending(request, new CompletableFuture<>());
        toSend.add(p);
        if (!sending) {
            sendNext();
        }
        return p.result;
    }

    private void sendNext() {
        Pending p = toSend.poll();
        sending = p != null;
        if (p == null) {
            return;
        }
        CompletionStage<CreateOutcome> call;
        try {
            call = remote.createCanister(p.request, cycles.apply(p.request.pool()));
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        call.whenComplete((outcome, failure) -> onHub(() -> answered(p, outcome, failure)));
    }

    /** Root's answer, on the hub thread: nothing else is in flight, so the endpoint's last time is this answer's. */
    private void answered(Pending p, CreateOutcome outcome, Throwable failure) {
        clock = remote.lastKnownTime();
        if (failure != null) {
            if (failure instanceof SubstrateUnavailableException u && unavailable == null) {
                unavailable = u; // the workflow sees a transport failure; the replay stops with this
            }
            p.result.complete(new CreateOutcome.Failed(CanicError.classify(failure)));
        } else {
            p.result.complete(outcome);
        }
        sendNext();
    }

    private void onHub(Runnable r) {
        try {
            hub.execute(r);
        } catch (RejectedExecutionException e) {
            // The hub is gone; completing here breaks no atomicity anyone can observe, and frees waiters.
            r.run();
        }
    }

    private record Pending(CreateRequest request, CompletableFuture<CreateOutcome> result) {}
}
