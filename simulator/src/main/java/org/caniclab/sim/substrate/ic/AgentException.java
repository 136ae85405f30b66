package org.caniclab.sim.substrate.ic;

import java.util.Objects;

/**
 * Why a message to an IC endpoint did not get an answer from the IC: the endpoint is unreachable, too slow, answered
 * with an HTTP error, sent a certificate that does not verify, or sent something that is not the IC protocol. A
 * reject from the IC itself is not this, but {@link CallRejectedException}. Messages name the endpoint and what to
 * check; they never contain key material.
 *
 * <pre>{@code
 * try {
 *     agent.update(call);
 * } catch (AgentException e) {
 *     if (e.kind() == AgentException.Kind.CERTIFICATE) { ... }   // wrong root key
 * }
 * }</pre>
 */
public final class AgentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The kind of failure; the IC backend decides by it whether the endpoint is usable at all. */
    public enum Kind {
        /** No connection could be made (refused, unknown host, reset). */
        UNREACHABLE,
        /** A request, or the wait for a message's answer, took longer than allowed. */
        TIMEOUT,
        /** The endpoint answered with a non-2xx HTTP status. */
        HTTP_STATUS,
        /** A certificate did not verify against the trusted root key. */
        CERTIFICATE,
        /** The answer is not what the IC protocol says it is. */
        PROTOCOL
    }

    private final Kind kind;
    private final int httpStatus;

    AgentException(Kind kind, String message) {
        this(kind, 0, message);
    }

    AgentException(Kind kind, int httpStatus, String message) {
        // No cause is kept: an agent's exception may print whatever it holds; this message is all that is needed.
        super(message, null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.httpStatus = httpStatus;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status for {@link Kind#HTTP_STATUS}, else 0. */
    public int httpStatus() {
        return httpStatus;
    }
}
