package org.caniclab.sim.substrate.pocketic;

import java.util.Arrays;
import java.util.Objects;
import org.caniclab.core.ic.Principal;
import org.caniclab.sim.substrate.management.ManagementCandid;

/**
 * One ingress message for PocketIC ({@code RawCanisterCall}): who sends it, to which canister and method,
 * the Candid payload, and the effective principal that routes it. PocketIC checks no signatures, so the
 * sender may be any principal.
 *
 * <pre>{@code
 * CanisterCall call = CanisterCall.management(root, ManagementCandid.PROVISIONAL_CREATE, arg,
 *         EffectivePrincipal.none());
 * byte[] reply = instance.updateCall(call);
 * }</pre>
 *
 * @param payload Candid bytes (copied in and out)
 */
public record CanisterCall(Principal sender, Principal canisterId, String method, byte[] payload,
        EffectivePrincipal effectivePrincipal) {
    public CanisterCall {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(canisterId, "canisterId");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(effectivePrincipal, "effectivePrincipal");
        payload = payload.clone();
    }

    /** A call to the management canister {@code aaaaa-aa}. */
    public static CanisterCall management(Principal sender, String method, byte[] payload,
            EffectivePrincipal effectivePrincipal) {
        return new CanisterCall(sender, Principal.managementCanister(), method, payload, effectivePrincipal);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CanisterCall c && sender.equals(c.sender) && canisterId.equals(c.canisterId)
                && method.equals(c.method) && Arrays.equals(payload, c.payload)
                && effectivePrincipal.equals(c.effectivePrincipal);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sender, canisterId, method, Arrays.hashCode(payload), effectivePrincipal);
    }

    @Override
    public String toString() {
        return "CanisterCall[" + sender + " -> " + canisterId + "." + method + ", " + payload.length
                + " bytes, " + effectivePrincipal + "]";
    }
}
