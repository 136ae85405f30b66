package org.caniclab.core.error;

import java.util.Objects;
import java.util.Optional;

/**
 * A failure of the workflow, classified as Canic 0.33.3 classifies its {@code InternalError}: a class, an
 * origin and a message, optionally carrying a public error that is passed through to the caller unchanged
 * (root's own rejection).
 *
 * <p>The class decides the metric reason ({@code from_error}) and, with the origin, the public
 * {@link ErrorCode} ({@link #publicCode()}), following §1.7 and §1.8 of the semantics spec.
 *
 * <pre>{@code
 * CanicError rejected = CanicError.remote(ErrorCode.OUT_OF_CYCLES, "root cannot pay 5T cycles");
 * assert rejected.publicCode() == ErrorCode.OUT_OF_CYCLES;      // passed through
 * CanicError transport = CanicError.ops(ErrorOrigin.OPS, "call to root rejected: SysTransient");
 * assert transport.publicCode() == ErrorCode.INTERNAL;
 * }</pre>
 */
public final class CanicError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorClass errorClass;
    private final ErrorOrigin origin;
    private final ErrorCode carried;
    private final boolean refusal;

    private CanicError(ErrorClass errorClass, ErrorOrigin origin, String message, ErrorCode carried,
            boolean refusal) {
        super(message, null, false, false); // errors are values here: no stack capture on the hot path
        this.errorClass = Objects.requireNonNull(errorClass);
        this.origin = Objects.requireNonNull(origin);
        this.carried = carried;
        this.refusal = refusal;
    }

    private CanicError(ErrorClass errorClass, ErrorOrigin origin, String message, ErrorCode carried) {
        this(errorClass, origin, message, carried, false);
    }

    /**
     * The policy refused to spawn ({@code at_max_workers}, {@code within_bounds}): for the caller, a Domain error
     * of the workflow with the plan's reason text, as in Canic; {@link #isRefusal()} tells it apart from a
     * failure without parsing the text.
     */
    public static CanicError refusal(String reasonText) {
        return new CanicError(ErrorClass.DOMAIN, ErrorOrigin.WORKFLOW, reasonText, null, true);
    }

    /** A domain error (policy refusal, unknown pool, scaling disabled). */
    public static CanicError domain(ErrorOrigin origin, String message) {
        return new CanicError(ErrorClass.DOMAIN, origin, message, null);
    }

    /** An invariant violation. */
    public static CanicError invariant(ErrorOrigin origin, String message) {
        return new CanicError(ErrorClass.INVARIANT, origin, message, null);
    }

    /** An ops-class error: transport failures, rejects and traps of inter-canister calls. */
    public static CanicError ops(ErrorOrigin origin, String message) {
        return new CanicError(ErrorClass.OPS, origin, message, null);
    }

    /** An error of any class and origin. */
    public static CanicError of(ErrorClass errorClass, ErrorOrigin origin, String message) {
        return new CanicError(errorClass, origin, message, null);
    }

    /**
     * Root answered with an error: Canic wraps it as a Domain-class public error carried unchanged
     * ({@code RpcOpsError::RemoteRejected}), so the hub records {@code policy_denied}.
     */
    public static CanicError remote(ErrorCode code, String message) {
        return new CanicError(ErrorClass.DOMAIN, ErrorOrigin.OPS, message, Objects.requireNonNull(code));
    }

    /** Classifies any throwable that failed a port stage: a {@code CanicError} as is, anything else as transport. */
    public static CanicError classify(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof java.util.concurrent.CompletionException
                        || cause instanceof java.util.concurrent.ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof CanicError e) {
            return e;
        }
        return ops(ErrorOrigin.OPS, "inter-canister call failed: " + cause);
    }

    public ErrorClass errorClass() {
        return errorClass;
    }

    public ErrorOrigin origin() {
        return origin;
    }

    /** True when this error is a policy refusal decided before any call to root ({@link #refusal}). */
    public boolean isRefusal() {
        return refusal;
    }

    /** The public error carried through unchanged, if any. */
    public Optional<ErrorCode> carried() {
        return Optional.ofNullable(carried);
    }

    /** The public error kind a caller sees (§1.8). */
    public ErrorCode publicCode() {
        if (carried != null) {
            return carried;
        }
        return switch (errorClass) {
            case ACCESS -> ErrorCode.UNAUTHORIZED;
            case DOMAIN -> origin == ErrorOrigin.CONFIG ? ErrorCode.INVALID_INPUT : ErrorCode.CONFLICT;
            case INVARIANT -> ErrorCode.INVARIANT_VIOLATION;
            case INFRA, OPS, WORKFLOW -> ErrorCode.INTERNAL;
        };
    }

    @Override
    public String toString() {
        return publicCode() + ": " + getMessage();
    }
}
