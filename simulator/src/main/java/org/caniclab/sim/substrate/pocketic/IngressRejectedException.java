package org.caniclab.sim.substrate.pocketic;

import java.util.Objects;
import org.caniclab.sim.substrate.management.RejectInfo;

/**
 * An ingress message the IC would not run to a reply: rejected at execution (HTTP 200 with a reject), or
 * refused at submission (HTTP 400 {@code BadIngressMessage}: no subnet routes it, or its create argument does
 * not decode). Both are the management canister failing the caller's call, so both carry a {@link RejectInfo}
 * saying why; {@link #refusedAtSubmission()} tells them apart.
 *
 * <pre>{@code
 * try {
 *     instance.updateCall(call);
 * } catch (IngressRejectedException e) {
 *     RejectInfo why = e.reject();
 *     boolean neverRan = e.refusedAtSubmission();
 * }
 * }</pre>
 */
public final class IngressRejectedException extends PocketIcException {
    private static final long serialVersionUID = 1L;

    private final transient RejectInfo reject;

    /** A reject in a 200 answer (at submission or execution). */
    IngressRejectedException(String endpoint, RejectInfo reject) {
        this(endpoint, 200, reject);
    }

    IngressRejectedException(String endpoint, int status, RejectInfo reject) {
        super(endpoint, status, endpoint + ": the message was rejected: " + reject);
        this.reject = Objects.requireNonNull(reject);
    }

    public RejectInfo reject() {
        return reject;
    }

    /** True when the server refused the message at submission (HTTP 400), so it never executed. */
    public boolean refusedAtSubmission() {
        return status() == 400;
    }
}
