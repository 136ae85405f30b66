package org.caniclab.core.error;

import java.util.Objects;
import java.util.Optional;

/**
 * A failure of the workflow, classified as Canic 0.33.3 classifies its {@code InternalError}: a class, an
 * origin and a message, optionally carrying a public error that is passed through to the caller unchanged
 * (root's own rejection).
 *
 * <p>The class decides the metric reason ({@code from_error}) and, with the origin and the message, the public
 * {@link ErrorCode} ({@link #publicCode()}), following §1.7 and §1.8 of the semantics spec and Canic's
 * {@code api/error.rs}.
 *
 * <p>One value is not an {@code InternalError} in Canic: a {@link #trap trap} (a Rust panic, e.g. in
 * {@code BoundedString64::new}). On the IC a trap rolls back the message's state since its last await, metric rows
 * included, and its caller sees a reject. Here the workflow decides a trap before it records anything of the
 * message, and fails the call with an error whose {@link #isTrap()} is true.
 *
 * <pre>{@code
 * CanicError rejected = CanicError.remote(ErrorCode.INTERNAL, "root: management call failed");
 * assert rejected.publicCode() == ErrorCode.INTERNAL;           // root's code, passed through
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
    private final boolean trap;

    private CanicError(ErrorClass errorClass, ErrorOrigin origin, String message, ErrorCode carried,
            boolean refusal, boolean trap) {
        super(message, null, false, false); // errors are values here: no stack capture on the hot path
        this.errorClass = Objects.requireNonNull(errorClass);
        this.origin = Objects.requireNonNull(origin);
        this.carried = carried;
        this.refusal = refusal;
        this.trap = trap;
    }

    private CanicError(ErrorClass errorClass, ErrorOrigin origin, String message, ErrorCode carried) {
        this(errorClass, origin, message, carried, false, false);
    }

    /**
     * The policy refused to spawn ({@code at_max_workers}, {@code within_bounds}): for the caller, a Domain error
     * of the workflow with the plan's reason text, as in Canic; {@link #isRefusal()} tells it apart from a
     * failure without parsing the text.
     */
    public static CanicError refusal(String reasonText) {
        return new CanicError(ErrorClass.DOMAIN, ErrorOrigin.WORKFLOW, reasonText, null, true, false);
    }

    /**
     * The hub trapped (a Rust panic): nothing of the trapping message persists, and its caller sees the IC's reject
     * ({@code CanisterError}). {@link #publicCode()} is what a Canic canister calling the hub makes of that reject —
     * an Ops-class call failure, {@code Internal}; an ingress caller sees the reject itself. No metric row carries
     * it: the rows of the trapping message are rolled back with the rest of its state.
     *
     * @param panic the panic message, e.g. {@code String '...' too long for BoundedString<64> (65 bytes)}
     */
    public static CanicError trap(String panic) {
        return new CanicError(ErrorClass.OPS, ErrorOrigin.OPS, "canister trapped: " + panic, null, false, true);
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
     * Root answered with an error: Canic wraps it as a public error carried unchanged ({@code
     * RpcOpsError::RemoteRejected} → {@code InternalError::public}: class and origin Domain), so the hub records
     * {@code policy_denied}. {@code code} is what root's own conversion made of its failure ({@code
     * api/rpc/capability/root.rs} maps root's internal error through {@code api/error.rs}: a management call, cycles,
     * replay or propagation failure is {@code Internal}).
     */
    public static CanicError remote(ErrorCode code, String message) {
        return new CanicError(ErrorClass.DOMAIN, ErrorOrigin.DOMAIN, message, Objects.requireNonNull(code));
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

    /** True when this is a {@link #trap trap}: the hub's message panicked and none of its state persists. */
    public boolean isTrap() {
        return trap;
    }

    /** The public error carried through unchanged, if any. */
    public Optional<ErrorCode> carried() {
        return Optional.ofNullable(carried);
    }

    /**
     * The public error a caller sees (Canic's {@code internal_error_to_public}): a carried error as is; else Access →
     * {@code Unauthorized}; Domain from Config → {@code InvalidInput}; any other Domain error → the registry-policy
     * code its message names ({@link #registryPolicyCode}), else {@code Conflict}; Invariant →
     * {@code InvariantViolation}; Infra, Ops, Workflow → {@code Internal}.
     */
    public ErrorCode publicCode() {
        if (carried != null) {
            return carried;
        }
        return switch (errorClass) {
            case ACCESS -> ErrorCode.UNAUTHORIZED;
            case DOMAIN -> {
                if (origin == ErrorOrigin.CONFIG) {
                    yield ErrorCode.INVALID_INPUT;
                }
                ErrorCode policy = registryPolicyCode(getMessage());
                yield policy != null ? policy : ErrorCode.CONFLICT;
            }
            case INVARIANT -> ErrorCode.INVARIANT_VIOLATION;
            case INFRA, OPS, WORKFLOW -> ErrorCode.INTERNAL;
        };
    }

    /**
     * Canic's {@code registry_policy_error_code}: the {@code Policy*} code whose registry-policy text {@code message}
     * contains, tested in Canic's order, or null. Canic matches the text, not the error's type, so any Domain
     * message with such a phrase maps to the policy code.
     */
    public static ErrorCode registryPolicyCode(String message) {
        if (message.contains("already registered to")) {
            return ErrorCode.POLICY_ROLE_ALREADY_REGISTERED;
        }
        if (message.contains("already registered under parent")) {
            return ErrorCode.POLICY_SINGLETON_ALREADY_REGISTERED_UNDER_PARENT;
        }
        if (message.contains("must be created by a singleton parent with scaling config")) {
            return ErrorCode.POLICY_REPLICA_REQUIRES_SINGLETON_WITH_SCALING;
        }
        if (message.contains("must be created by a singleton parent with sharding config")) {
            return ErrorCode.POLICY_SHARD_REQUIRES_SINGLETON_WITH_SHARDING;
        }
        if (message.contains("must be created by a singleton parent with directory config")) {
            return ErrorCode.POLICY_INSTANCE_REQUIRES_SINGLETON_WITH_DIRECTORY;
        }
        return null;
    }

    @Override
    public String toString() {
        return publicCode() + ": " + getMessage();
    }
}
