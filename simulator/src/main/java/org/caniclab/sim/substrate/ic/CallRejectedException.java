package org.caniclab.sim.substrate.ic;

import java.util.Objects;
import org.caniclab.sim.substrate.management.RejectInfo;

/**
 * The IC answered an update call with a certified reject.
 *
 * <pre>{@code
 * try {
 *     agent.update(call);
 * } catch (CallRejectedException e) {
 *     CanicError error = e.reject().toCreateError("create_canister for role scale");
 * }
 * }</pre>
 */
public final class CallRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient RejectInfo reject;

    CallRejectedException(String method, RejectInfo reject) {
        super(method + " was rejected: " + reject, null, false, false);
        this.reject = Objects.requireNonNull(reject, "reject");
    }

    public RejectInfo reject() {
        return reject;
    }
}
