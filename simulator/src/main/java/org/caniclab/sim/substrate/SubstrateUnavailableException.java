package org.caniclab.sim.substrate;

/**
 * A substrate that cannot be used at all: the server is not running or not reachable, or the binary to start
 * it is missing or fails to come up. The CLI maps it to exit code 3. The message names the URL or path.
 *
 * <pre>{@code
 * try (PocketIcClient pic = PocketIcClient.connect(URI.create("http://127.0.0.1:8080"))) {
 *     pic.status();
 * } catch (SubstrateUnavailableException e) {
 *     System.err.println(e.getMessage());   // PocketIC server at http://127.0.0.1:8080 is unreachable ...
 * }
 * }</pre>
 */
public final class SubstrateUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SubstrateUnavailableException(String message) {
        super(message);
    }

    public SubstrateUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
