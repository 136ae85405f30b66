package org.caniclab.sim.substrate.pocketic;

/**
 * A PocketIC request that failed: an error status with the server's message, a malformed response, a
 * timeout, or a transport failure. The message always names the endpoint ({@code POST
 * /instances/0/update/submit_ingress_message}) and the HTTP status, when there was one.
 *
 * <pre>{@code
 * try {
 *     instance.setTime(past);
 * } catch (PocketIcException e) {
 *     System.err.println(e.endpoint() + " -> " + e.status() + ": " + e.getMessage());
 * }
 * }</pre>
 */
public sealed class PocketIcException extends RuntimeException permits IngressRejectedException {
    private static final long serialVersionUID = 1L;

    /** {@link #status()} when no HTTP response was received. */
    public static final int NO_STATUS = -1;

    private final String endpoint;
    private final int status;
    private final boolean unknownRoute;
    private final String serverMessage;

    PocketIcException(String endpoint, int status, String message) {
        this(endpoint, status, message, false, null);
    }

    PocketIcException(String endpoint, int status, String message, boolean unknownRoute, Throwable cause) {
        this(endpoint, status, message, unknownRoute, cause, null);
    }

    PocketIcException(String endpoint, int status, String message, boolean unknownRoute, Throwable cause,
            String serverMessage) {
        super(message, cause);
        this.endpoint = endpoint;
        this.status = status;
        this.unknownRoute = unknownRoute;
        this.serverMessage = serverMessage;
    }

    /** {@code METHOD /path} of the failed request. */
    public String endpoint() {
        return endpoint;
    }

    /** The HTTP status, or {@link #NO_STATUS}. */
    public int status() {
        return status;
    }

    /**
     * The {@code message} of the server's JSON error body as it sent it (e.g.
     * {@code BadIngressMessage("Subnet with ID ... not found")}), or null when the answer had none.
     */
    String serverMessage() {
        return serverMessage;
    }

    /** True for a bare 404 (empty body): the server does not have this route, i.e. the feature is missing. */
    public boolean unknownRoute() {
        return unknownRoute;
    }
}
