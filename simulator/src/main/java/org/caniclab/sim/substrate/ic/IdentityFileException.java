package org.caniclab.sim.substrate.ic;

/**
 * An identity PEM file that cannot be used: missing, unreadable, or not a key the IC backend accepts. The CLI maps it
 * to exit code 2. The message names the file and what is accepted; it never quotes the file's content.
 *
 * <pre>{@code
 * try {
 *     IcIdentity id = IcIdentity.fromPem(Path.of("identity.pem"));
 * } catch (IdentityFileException e) {
 *     System.err.println(e.getMessage());   // identity.pem: ... accepted: ...
 * }
 * }</pre>
 */
public final class IdentityFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    IdentityFileException(String message) {
        super(message, null, false, false); // never a cause: a parser's message might quote what it read
    }
}
