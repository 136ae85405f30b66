package org.caniclab.sim.substrate.pocketic;

import java.util.Objects;
import org.caniclab.core.ic.Principal;

/**
 * Which subnet's management canister an ingress message goes to, as PocketIC's {@code RawEffectivePrincipal}:
 * JSON {@code "None"} (PocketIC picks a subnet, v8+), {@code {"CanisterId": b64}} (the subnet hosting that
 * canister id) or {@code {"SubnetId": b64}}.
 *
 * <pre>{@code
 * EffectivePrincipal any = EffectivePrincipal.none();
 * EffectivePrincipal there = EffectivePrincipal.canister(instance.topology().defaultEffectiveCanisterId());
 * }</pre>
 */
public sealed interface EffectivePrincipal {
    /** {@code "None"}: let PocketIC pick the subnet; e.g. {@code EffectivePrincipal.none()}. */
    record None() implements EffectivePrincipal {}

    /** {@code {"CanisterId": b64}}: the subnet hosting {@code id}; e.g. {@code EffectivePrincipal.canister(cid)}. */
    record CanisterId(Principal id) implements EffectivePrincipal {
        public CanisterId {
            Objects.requireNonNull(id, "id");
        }
    }

    /** {@code {"SubnetId": b64}}: that subnet; e.g. {@code EffectivePrincipal.subnet(subnetId)}. */
    record SubnetId(Principal id) implements EffectivePrincipal {
        public SubnetId {
            Objects.requireNonNull(id, "id");
        }
    }

    static EffectivePrincipal none() {
        return new None();
    }

    static EffectivePrincipal canister(Principal id) {
        return new CanisterId(id);
    }

    static EffectivePrincipal subnet(Principal id) {
        return new SubnetId(id);
    }
}
