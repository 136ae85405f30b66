package org.caniclab.sim.substrate.pocketic;

import java.util.Objects;

/**
 * An ingress message PocketIC accepted as a request but the IC rejected, at submission or execution; the
 * {@link RejectInfo} says why.
 *
 * <pre>{@code
 * try {
 *     instance.updateCall(call);
 * } catch (IngressRejectedException e) {
 *     RejectInfo why = e.reject();
 * }
 * }</pre>
 */
public final class IngressRejectedException extends PocketIcException {
    private static final long serialVersionUID = 1L;

    private final transient RejectInfo reject;

    IngressRejectedException(String endpoint, RejectInfo reject) {
        super(endpoint, 200, endpoint + ": the message was rejected: " + reject);
        this.reject = Objects.requireNonNull(reject);
    }

    public RejectInfo reject() {
        return reject;
    }
}
