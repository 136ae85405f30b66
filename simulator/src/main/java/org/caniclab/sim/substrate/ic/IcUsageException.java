package org.caniclab.sim.substrate.ic;

/**
 * The IC backend's options do not make a run: no endpoint named, a mainnet run without its confirmation, an identity
 * the mode cannot use. The CLI maps it to exit code 2; the message names the options and what is accepted.
 *
 * <pre>{@code
 * throw new IcUsageException("backend ic needs an endpoint: --ic-url URL or --mainnet");
 * }</pre>
 */
public final class IcUsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IcUsageException(String message) {
        super(message, null, false, false);
    }
}
