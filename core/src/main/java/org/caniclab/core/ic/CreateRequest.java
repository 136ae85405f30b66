package org.caniclab.core.ic;

import java.util.Objects;

/**
 * One request from the hub to root: create a child of {@code role} for {@code pool}, parented by {@code parent}.
 * It names the pool so that a substrate (and the {@code HubDriver} wrapping it) attributes every create to its
 * pool without reconstructing it from the workflow's metric rows.
 *
 * <pre>{@code
 * CreateRequest r = new CreateRequest("api", new CanisterRole("scale"), hub, CreateRequest.Cause.CREATE_WORKER);
 * }</pre>
 *
 * @param cause which workflow step sent it: the init-time bootstrap, or a {@code create_worker} call
 */
public record CreateRequest(String pool, CanisterRole role, Principal parent, Cause cause) {
    /** The workflow step a create belongs to. */
    public enum Cause {
        BOOTSTRAP,
        CREATE_WORKER
    }

    public CreateRequest {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(cause, "cause");
    }
}
