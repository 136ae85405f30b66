package org.caniclab.core.verify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.caniclab.core.error.CanicError;
import org.caniclab.core.ic.CanisterRole;
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
 * ic.fail(ic.pending().get(0), CanicError.remote(ErrorCode.REJECTED, "no"));
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
        private final CanisterRole role;
        private final Principal parent;
        private final CompletableFuture<Principal> future = new CompletableFuture<>();

        private PendingCreate(int sequence, CanisterRole role, Principal parent) {
            this.sequence = sequence;
            this.role = role;
            this.parent = parent;
        }

        /** 0 for the first create call this runtime received, 1 for the next, ... */
        public int sequence() {
            return sequence;
        }

        public CanisterRole role() {
            return role;
        }

        public Principal parent() {
            return parent;
        }

        @Override
        public String toString() {
            return "create#" + sequence + "(" + role + ")";
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
    public CompletionStage<Principal> createCanister(CanisterRole role, Principal parent) {
        PendingCreate p = new PendingCreate(requested++, role, parent);
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
        p.future.complete(pid);
        return pid;
    }

    /** Root (or the transport) fails the call; the caller's continuation runs now. */
    public void fail(PendingCreate p, CanicError error) {
        take(p);
        p.future.completeExceptionally(error);
    }

    private void take(PendingCreate p) {
        if (!pending.remove(p)) {
            throw new IllegalStateException(p + " is not pending");
        }
    }
}
