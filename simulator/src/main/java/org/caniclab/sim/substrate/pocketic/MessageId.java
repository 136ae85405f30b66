package org.caniclab.sim.substrate.pocketic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.Objects;
import org.caniclab.core.ic.Principal;

/**
 * The id PocketIC gives a submitted ingress message ({@code RawMessageId}). It keeps the server's JSON and
 * echoes it back verbatim to {@code await_ingress_message} and {@code ingress_status}, so fields a newer
 * server adds survive the round trip.
 *
 * <pre>{@code
 * MessageId id = instance.submitIngress(call);
 * byte[] reply = instance.awaitIngress(id);
 * }</pre>
 */
public final class MessageId {
    private final JsonNode raw;

    MessageId(JsonNode raw) {
        this.raw = Objects.requireNonNull(raw, "raw").deepCopy();
    }

    /** The message id bytes. */
    public byte[] bytes() {
        return Base64.getDecoder().decode(raw.path("message_id").asText(""));
    }

    /**
     * The effective principal the server filed the message under: from v8 on it answers the subnet it routed
     * the message to ({@code {"SubnetId": b64}}), whatever the call named; {@link EffectivePrincipal.None} when
     * the field is {@code "None"}, missing or unreadable.
     */
    public EffectivePrincipal effectivePrincipal() {
        JsonNode e = raw.path("effective_principal");
        try {
            if (e.path("SubnetId").isTextual()) {
                return EffectivePrincipal.subnet(Principal.of(Base64.getDecoder().decode(e.get("SubnetId").asText())));
            }
            if (e.path("CanisterId").isTextual()) {
                return EffectivePrincipal.canister(
                        Principal.of(Base64.getDecoder().decode(e.get("CanisterId").asText())));
            }
        } catch (IllegalArgumentException ignored) {
            // not base64 or not a principal: the id is still echoed verbatim, only this view is lost
        }
        return EffectivePrincipal.none();
    }

    /** The server's JSON, as it sent it. */
    public String json() {
        return raw.toString();
    }

    JsonNode raw() {
        return raw.deepCopy();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageId m && raw.equals(m.raw);
    }

    @Override
    public int hashCode() {
        return raw.hashCode();
    }

    @Override
    public String toString() {
        return "MessageId" + raw;
    }
}
