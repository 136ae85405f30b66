package org.caniclab.core.verify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.caniclab.core.error.CanicError;
import org.caniclab.core.ic.CanisterRole;
import org.caniclab.core.ic.CreateOutcome;
import org.caniclab.core.ic.CreateRequest;
import org.caniclab.core.ic.IcRuntime;
import org.caniclab.core.ic.Principal;

/**
 * An in-memory {@link IcRuntime} whose create calls stay pending until the test (or the
 * {@link ScheduleExplorer}) completes or fails them, in any order. Completions run on the caller's
 * thread, which plays the hub's execution context; new canister ids follow the IC layout.
 *
 * <pre>{@code
 * ControlledIcRuntime ic = new ControlledIcRuntime();
 * ScalingWorkflow hub = ScalingWorkflow.builder(ic).config(cfg).build();
 * var a = hub.createWorker("api");
 * var b = hub.createWorker("api");
 * ic.complete(ic.pending().get(1));      // B's root call returns first
 * ic.fail(ic.pending().get(0), CanicError.remote(ErrorCode.INTERNAL, "no"));
 * }</pre>
 */
public final class ControlledIcRuntime implements IcRuntime {
    private final Principal self;
    private long nextIndex;
    private long now;
    private int requested;
    private final List<PendingCreate> pending = new ArrayList<>();

    /** A hub at canister index 0 whose children get indexes 1, 2, ... */
    public ControlledIcRuntime() {
        this(Principal.canisterId(0), 1);
    }

    public ControlledIcRuntime(Principal self, long firstChildIndex) {
        this.self = self;
        this.nextIndex = firstChildIndex;
    }

    /** One create call awaiting root's answer. */
    public static final class PendingCreate {
        private final int sequence;
        private final CreateRequest request;
        private final CompletableFuture<CreateOutcome> future = new CompletableFuture<>();

        private PendingCreate(int sequence, CreateRequest request) {
            this.sequence = sequence;
            this.request = request;
        }

        /** 0 for the first create call this runtime received, 1 for the next, ... */
        public int sequence() {
            return sequence;
        }

        public CreateRequest request() {
            return request;
        }

        public String pool() {
            return request.pool();
        }

        public CanisterRole role() {
            return request.role();
        }

        public Principal parent() {
            return request.parent();
        }

        @Override
        public String toString() {
            return "create#" + sequence + "(" + request.role() + ")";
        }
    }

    @Override
    public Principal self() {
        return self;
    }

    @Override
    public long now() {
        return now;
    }

    public void setNow(long nanos) {
        this.now = nanos;
    }

    @Override
    public CompletionStage<CreateOutcome> createCanister(CreateRequest request) {
        PendingCreate p = new PendingCreate(requested++, request);
        pending.add(p);
        return p.future;
    }

    /** Create calls awaiting an answer, in the order they were made. */
    public List<PendingCreate> pending() {
        return Collections.unmodifiableList(pending);
    }

    /** Number of create calls made so far. */
    public int createsRequested() {
        return requested;
    }

    /** Root creates the canister: the next id in IC layout; the caller's continuation runs now. */
    public Principal complete(PendingCreate p) {
        take(p);
        Principal pid = Principal.canisterId(nextIndex++);
        p.future.complete(new CreateOutcome.Created(pid));
        return pid;
    }

    /** Root (or the transport) fails the call; the caller's continuation runs now. */
    public void fail(PendingCreate p, CanicError error) {
        take(p);
        p.future.complete(new CreateOutcome.Failed(error));
    }

    private void take(PendingCreate p) {
        if (!pending.remove(p)) {
            throw new IllegalStateException(p + " is not pending");
        }
    }
}
