package org.caniclab.sim.substrate.management;

/**
 * Thrown when Candid bytes cannot be read as the expected message: bad magic, truncated input, an
 * ill-formed type table, trailing bytes, or a value of the wrong type. The message says what was
 * expected and at which byte offset reading stopped.
 *
 * <pre>{@code
 * try {
 *     Principal id = ManagementCandid.decodeCanisterIdRecord(reply);
 * } catch (CandidFormatException e) {
 *     System.err.println("management canister replied garbage: " + e.getMessage());
 * }
 * }</pre>
 */
public final class CandidFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CandidFormatException(String message) {
        super(message);
    }
}
