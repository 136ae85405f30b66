package org.caniclab.core.error;

/**
 * The public error codes a caller of a Canic canister sees: exactly Canic 0.33.3's {@code dto::error::ErrorCode}, in its
 * (sorted) declaration order.
 *
 * <p>Which code an internal error becomes is {@link CanicError#publicCode()}'s business (Canic's {@code api/error.rs}):
 * by class, and for Domain errors by the registry-policy texts of their message.
 *
 * <pre>{@code
 * ErrorCode code = CanicError.domain(ErrorOrigin.DOMAIN, "scaling pool 'x' not found").publicCode(); // CONFLICT
 * String wire = code.canicName();                                                                       // "Conflict"
 * }</pre>
 */
public enum ErrorCode {
    CONFLICT("Conflict"),
    FORBIDDEN("Forbidden"),
    INTERNAL("Internal"),
    INVALID_INPUT("InvalidInput"),
    INVARIANT_VIOLATION("InvariantViolation"),
    NOT_FOUND("NotFound"),
    POLICY_INSTANCE_REQUIRES_SINGLETON_WITH_DIRECTORY("PolicyInstanceRequiresSingletonWithDirectory"),
    POLICY_REPLICA_REQUIRES_SINGLETON_WITH_SCALING("PolicyReplicaRequiresSingletonWithScaling"),
    POLICY_ROLE_ALREADY_REGISTERED("PolicyRoleAlreadyRegistered"),
    POLICY_SHARD_REQUIRES_SINGLETON_WITH_SHARDING("PolicyShardRequiresSingletonWithSharding"),
    POLICY_SINGLETON_ALREADY_REGISTERED_UNDER_PARENT("PolicySingletonAlreadyRegisteredUnderParent"),
    RESOURCE_EXHAUSTED("ResourceExhausted"),
    UNAUTHORIZED("Unauthorized"),
    UNAVAILABLE("Unavailable");

    private final String canicName;

    ErrorCode(String canicName) {
        this.canicName = canicName;
    }

    /** The variant's name in Canic (and on the wire, in Candid): {@code PolicyRoleAlreadyRegistered}. */
    public String canicName() {
        return canicName;
    }
}
