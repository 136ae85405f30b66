package org.caniclab.core.error;

/**
 * The public error kinds a caller of the workflow sees (Canic's {@code dto::error::ErrorCode}, the
 * subset the scaling path can produce).
 */
public enum ErrorCode {
    CONFLICT,
    INTERNAL,
    INVALID_INPUT,
    INVARIANT_VIOLATION,
    UNAUTHORIZED,
    /** Root ran out of cycles to pay for a new canister (a root-side rejection, passed through). */
    OUT_OF_CYCLES,
    /** The subnet refused a new canister (a root-side rejection, passed through). */
    RESOURCE_EXHAUSTED,
    /** Root rejected the request for a reason it did not classify further (passed through). */
    REJECTED
}
