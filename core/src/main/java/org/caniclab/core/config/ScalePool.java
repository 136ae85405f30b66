package org.caniclab.core.config;

import java.util.Objects;
import org.caniclab.core.ic.CanisterRole;

/**
 * One scaling pool of a hub: the role its workers are created with and its sizing policy.
 *
 * <pre>{@code
 * ScalePool scales = new ScalePool(new CanisterRole("scale"), new ScalePoolPolicy(1, 2, 32));
 * }</pre>
 */
public record ScalePool(CanisterRole canisterRole, ScalePoolPolicy policy) {
    public ScalePool {
        Objects.requireNonNull(canisterRole, "canister_role");
        Objects.requireNonNull(policy, "policy");
    }
}
