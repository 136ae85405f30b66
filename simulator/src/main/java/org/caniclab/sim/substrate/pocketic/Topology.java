package org.caniclab.sim.substrate.pocketic;

import java.util.List;
import java.util.Objects;
import org.caniclab.core.ic.Principal;

/**
 * What a PocketIC instance looks like: its subnets (in the order the server listed them) and the canister id
 * that routes management calls to the default subnet. Canister and subnet ids differ between server versions
 * (v13 and v15 changed them), so read them from here and never hard-code them.
 *
 * <pre>{@code
 * Topology t = instance.topology();
 * EffectivePrincipal routed = EffectivePrincipal.canister(t.defaultEffectiveCanisterId());
 * }</pre>
 */
public record Topology(Principal defaultEffectiveCanisterId, List<Subnet> subnets) {
    public Topology {
        Objects.requireNonNull(defaultEffectiveCanisterId, "defaultEffectiveCanisterId");
        subnets = List.copyOf(subnets);
    }

    /**
     * One subnet: its textual id, its kind as the server names it ({@code Application}, {@code NNS},
     * {@code CloudEngine}, ... read leniently) and its canister ranges.
     *
     * <pre>{@code
     * boolean app = topology.subnets().get(0).kind().equals("Application");
     * }</pre>
     */
    public record Subnet(String subnetId, String kind, List<CanisterRange> canisterRanges) {
        public Subnet {
            Objects.requireNonNull(subnetId, "subnetId");
            Objects.requireNonNull(kind, "kind");
            canisterRanges = List.copyOf(canisterRanges);
        }
    }

    /**
     * An inclusive range of canister ids.
     *
     * <pre>{@code
     * boolean hosted = subnet.canisterRanges().stream().anyMatch(r -> r.contains(canisterId));
     * }</pre>
     */
    public record CanisterRange(Principal start, Principal end) {
        public CanisterRange {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
        }

        /** True when {@code id} lies in the range (IC principal order). */
        public boolean contains(Principal id) {
            return start.compareTo(id) <= 0 && id.compareTo(end) <= 0;
        }
    }
}
