package org.caniclab.sim.substrate.pocketic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.caniclab.core.ic.Principal;
import org.caniclab.sim.substrate.management.RejectInfo;

/**
 * One PocketIC instance on a server (an IC with its subnets), made by {@link PocketIcClient#createInstance()}:
 * ingress messages, rounds, time, cycles and subnets. Closing it deletes the instance.
 *
 * <p>Update calls follow the algorithm of the backends spec (§A.4): submit, then {@code await_ingress_message};
 * when the server answers that with a bare 404 (v9.0.3–v9.x lack the route) the instance remembers it and
 * falls back to {@code tick} + {@code ingress_status} rounds, bounded by
 * {@link PocketIcClient.Options#fallbackRounds()}. The same bounded rounds follow an {@code await} that gave up
 * (HTTP 400 {@code BadIngressMessage} after the server's 100 rounds); a message still running after them fails
 * with a {@link PocketIcException} saying so. A message the server refuses at submission (HTTP 400
 * {@code BadIngressMessage}: no subnet routes it, or its create argument does not decode) is an
 * {@link IngressRejectedException}, like a reject at execution: either way the management canister failed the
 * call.
 *
 * <pre>{@code
 * try (PocketIcInstance ic = client.createInstance()) {
 *     long t = ic.getTime();
 *     ic.setTime(t + 60_000_000_000L);                    // advance one minute
 *     BigInteger balance = ic.addCycles(canister, new BigInteger("1000000000000"));
 * }
 * }</pre>
 *
 * <p>Thread-safe as the client is.
 */
public final class PocketIcInstance implements AutoCloseable {
    private final PocketIcClient client;
    private final long id;
    private final Topology topology;
    private final AtomicBoolean deleted = new AtomicBoolean();
    private volatile boolean awaitMissing;

    PocketIcInstance(PocketIcClient client, long id, Topology topology) {
        this.client = client;
        this.id = id;
        this.topology = topology;
    }

    /** The instance id on the server. */
    public long id() {
        return id;
    }

    /** The topology the server reported when it created the instance. */
    public Topology topology() {
        return topology;
    }

    /** The client this instance talks through. */
    public PocketIcClient client() {
        return client;
    }

    /** True once {@code await_ingress_message} answered a bare 404 and the tick + status fallback is in use. */
    public boolean usesIngressStatusFallback() {
        return awaitMissing;
    }

    /** {@code GET read/topology} (v5+), falling back to {@code GET _/topology} (v7+) on a bare 404. */
    public Topology readTopology() {
        try {
            return PocketIcClient.parseTopology(endpoint("GET", "read/topology"), get("read/topology"));
        } catch (PocketIcException e) {
            if (!e.unknownRoute()) {
                throw e;
            }
            return PocketIcClient.parseTopology(endpoint("GET", "_/topology"), get("_/topology"));
        }
    }

    /**
     * {@code POST update/submit_ingress_message}: the message id (whose effective principal the server rewrites
     * to the subnet it routed the message to), or {@link IngressRejectedException} when the server rejects or
     * refuses it.
     */
    public MessageId submitIngress(CanisterCall call) {
        String path = "update/submit_ingress_message";
        ObjectNode body = client.json().createObjectNode();
        body.put("sender", PocketIcClient.b64(call.sender().toBytes()));
        body.put("canister_id", PocketIcClient.b64(call.canisterId().toBytes()));
        body.put("method", call.method());
        body.put("payload", PocketIcClient.b64(call.payload()));
        body.set("effective_principal", effectivePrincipal(call.effectivePrincipal()));
        String endpoint = endpoint("POST", path);
        JsonNode r;
        try {
            r = post(path, body);
        } catch (PocketIcException e) {
            String refused = badIngressMessage(e);
            if (refused != null) {
                throw new IngressRejectedException(endpoint, 400, RejectInfo.refusedAtSubmission(refused));
            }
            throw e;
        }
        if (r.has("Ok") && r.get("Ok").isObject() && r.get("Ok").path("message_id").isTextual()) {
            return new MessageId(r.get("Ok"));
        }
        if (r.has("Err")) {
            throw rejected(endpoint, r.get("Err"), r);
        }
        throw PocketIcClient.malformed(endpoint, "expected {\"Ok\": {\"effective_principal\", \"message_id\"}} or"
                + " {\"Err\": reject}", r);
    }

    /**
     * Waits for a submitted message and returns its reply bytes: {@code await_ingress_message}, or the
     * {@code tick} + {@code ingress_status} fallback on servers without it. A reject throws
     * {@link IngressRejectedException}.
     */
    public byte[] awaitIngress(MessageId messageId) {
        String gaveUp = null;
        if (!awaitMissing) {
            String path = "update/await_ingress_message";
            try {
                return result(endpoint("POST", path), post(path, messageId.raw()));
            } catch (PocketIcException e) {
                String bad = e instanceof IngressRejectedException ? null : badIngressMessage(e);
                if (bad != null && bad.startsWith("Failed to answer to ingress")) {
                    // The server ran its 100 rounds and the message is still running: it may yet finish, so
                    // give it the bounded tick + ingress_status rounds before failing.
                    gaveUp = bad;
                } else if (!e.unknownRoute() || e instanceof IngressRejectedException) {
                    throw e;
                } else {
                    awaitMissing = true; // v9.0.3–v9.x: remember, and never ask again
                }
            }
        }
        int rounds = client.options().fallbackRounds();
        for (int round = 0; round < rounds; round++) {
            tick();
            Optional<byte[]> done = ingressStatus(messageId);
            if (done.isPresent()) {
                return done.get();
            }
        }
        if (gaveUp != null) {
            throw new PocketIcException(endpoint("POST", "update/await_ingress_message"), 400, "PocketIC message "
                    + messageId.json() + " did not complete: await_ingress_message gave up (" + gaveUp + ") and "
                    + rounds + " more rounds of tick + ingress_status did not finish it either");
        }
        throw new PocketIcException(endpoint("POST", "read/ingress_status"), 200, "PocketIC message "
                + messageId.json() + " did not complete within " + rounds + " rounds of tick + ingress_status");
    }

    /**
     * The text inside a 400 {@code {"message": "BadIngressMessage(\"...\")"}} (the server's {@code Debug}
     * rendering of its error), unquoted; null for any other failure.
     */
    static String badIngressMessage(PocketIcException e) {
        String m = e.serverMessage();
        String prefix = "BadIngressMessage(";
        if (e.status() != 400 || m == null || !m.startsWith(prefix) || !m.endsWith(")")) {
            return null;
        }
        String inner = m.substring(prefix.length(), m.length() - 1);
        if (inner.length() < 2 || inner.charAt(0) != '"' || inner.charAt(inner.length() - 1) != '"') {
            return inner;
        }
        StringBuilder b = new StringBuilder(inner.length());
        for (int i = 1; i < inner.length() - 1; i++) {
            char c = inner.charAt(i);
            if (c == '\\' && i + 1 < inner.length() - 1) {
                char n = inner.charAt(++i);
                b.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * {@code POST read/ingress_status} (v8+) without a caller check: empty while the message is unknown or
     * running, the reply when it completed, {@link IngressRejectedException} when it was rejected.
     */
    public Optional<byte[]> ingressStatus(MessageId messageId) {
        String path = "read/ingress_status";
        ObjectNode body = client.json().createObjectNode();
        body.set("raw_message_id", messageId.raw());
        body.putNull("raw_caller");
        JsonNode r = post(path, body);
        if (r.isNull()) {
            return Optional.empty();
        }
        return Optional.of(result(endpoint("POST", path), r));
    }

    /** Submits and awaits one message; returns the reply bytes. */
    public byte[] updateCall(CanisterCall call) {
        return awaitIngress(submitIngress(call));
    }

    /** {@code POST update/tick}: executes one round. */
    public void tick() {
        post("update/tick", client.json().createObjectNode());
    }

    /** {@code GET read/get_time}: the instance time in nanoseconds since the epoch. */
    public long getTime() {
        String path = "read/get_time";
        JsonNode r = get(path);
        JsonNode n = r.get("nanos_since_epoch");
        if (n == null || !n.canConvertToLong() || !n.isIntegralNumber()) {
            throw PocketIcClient.malformed(endpoint("GET", path), "expected {\"nanos_since_epoch\": <u64>}", r);
        }
        return n.asLong();
    }

    /** {@code POST update/set_time}; servers from v7 on refuse a time in the past (400). */
    public void setTime(long nanosSinceEpoch) {
        ObjectNode body = client.json().createObjectNode();
        body.put("nanos_since_epoch", nanosSinceEpoch);
        post("update/set_time", body);
    }

    /** {@code POST read/get_cycles}: a canister's balance (u128). */
    public BigInteger getCycles(Principal canister) {
        String path = "read/get_cycles";
        return cycles(endpoint("POST", path), post(path, canisterIdBody(canister)));
    }

    /** {@code POST update/add_cycles}: adds {@code amount} (u128) and returns the new balance. */
    public BigInteger addCycles(Principal canister, BigInteger amount) {
        if (amount.signum() < 0 || amount.bitLength() > 128) {
            throw new IllegalArgumentException("cycles amount " + amount + " is not a u128");
        }
        String path = "update/add_cycles";
        ObjectNode body = canisterIdBody(canister);
        body.put("amount", amount);
        return cycles(endpoint("POST", path), post(path, body));
    }

    /** {@code POST read/get_subnet}: the subnet hosting a canister id, empty when no subnet has the canister. */
    public Optional<Principal> getSubnet(Principal canister) {
        String path = "read/get_subnet";
        JsonNode r = post(path, canisterIdBody(canister));
        if (r.isNull()) {
            return Optional.empty();
        }
        return Optional.of(PocketIcClient.principal(endpoint("POST", path), r.get("subnet_id"), "subnet_id"));
    }

    /** {@code POST read/get_controllers} (v7+): a canister's controllers. */
    public List<Principal> getControllers(Principal canister) {
        String path = "read/get_controllers";
        String endpoint = endpoint("POST", path);
        JsonNode r = post(path, canisterIdBody(canister));
        if (!r.isArray()) {
            throw PocketIcClient.malformed(endpoint, "expected [{\"principal_id\": b64}, ...]", r);
        }
        List<Principal> out = new ArrayList<>();
        for (JsonNode p : r) {
            out.add(PocketIcClient.principal(endpoint, p.get("principal_id"), "principal_id"));
        }
        return out;
    }

    /** Deletes the instance (once; later calls do nothing). */
    @Override
    public void close() {
        if (deleted.compareAndSet(false, true)) {
            client.deleteInstance(id);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private JsonNode get(String path) {
        return client.call("GET", prefix() + path, null, endpoint("GET", path));
    }

    private JsonNode post(String path, JsonNode body) {
        return client.call("POST", prefix() + path, body, endpoint("POST", path));
    }

    private String prefix() {
        return "/instances/" + id + "/";
    }

    private String endpoint(String method, String path) {
        return method + " " + prefix() + path;
    }

    private ObjectNode canisterIdBody(Principal canister) {
        ObjectNode body = client.json().createObjectNode();
        body.put("canister_id", PocketIcClient.b64(canister.toBytes()));
        return body;
    }

    private JsonNode effectivePrincipal(EffectivePrincipal p) {
        if (p instanceof EffectivePrincipal.CanisterId c) {
            return client.json().createObjectNode().put("CanisterId", PocketIcClient.b64(c.id().toBytes()));
        }
        if (p instanceof EffectivePrincipal.SubnetId s) {
            return client.json().createObjectNode().put("SubnetId", PocketIcClient.b64(s.id().toBytes()));
        }
        return client.json().getNodeFactory().textNode("None");
    }

    private static BigInteger cycles(String endpoint, JsonNode r) {
        JsonNode c = r.get("cycles");
        if (c == null || !c.isIntegralNumber() || c.bigIntegerValue().signum() < 0) {
            throw PocketIcClient.malformed(endpoint, "expected {\"cycles\": <u128>}", r);
        }
        return c.bigIntegerValue();
    }

    /** Reads {@code {"Ok": b64}} / {@code {"Err": reject}} and the pre-v8 {@code {"Ok": {"Reply"|"Reject"}}}. */
    private static byte[] result(String endpoint, JsonNode r) {
        if (r.has("Ok")) {
            JsonNode ok = r.get("Ok");
            if (ok.isObject() && ok.has("Reject")) {
                throw rejected(endpoint, ok.get("Reject"), r);
            }
            JsonNode bytes = ok.isObject() && ok.has("Reply") ? ok.get("Reply") : ok;
            if (bytes.isTextual()) {
                try {
                    return Base64.getDecoder().decode(bytes.asText());
                } catch (IllegalArgumentException e) {
                    throw PocketIcClient.malformed(endpoint, "the reply is not valid base64", r);
                }
            }
            throw PocketIcClient.malformed(endpoint, "expected {\"Ok\": \"<b64 reply>\"}", r);
        }
        if (r.has("Err")) {
            throw rejected(endpoint, r.get("Err"), r);
        }
        throw PocketIcClient.malformed(endpoint, "expected {\"Ok\": ...} or {\"Err\": ...}", r);
    }

    private static PocketIcException rejected(String endpoint, JsonNode err, JsonNode whole) {
        RejectInfo info = RejectInfo.fromJson(err);
        if (info == null) {
            return PocketIcClient.malformed(endpoint, "a reject must be a RejectResponse or {\"code\","
                    + " \"description\"}", whole);
        }
        return new IngressRejectedException(endpoint, info);
    }

    @Override
    public String toString() {
        return "PocketIcInstance[" + client.serverUrl() + "/instances/" + id + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PocketIcInstance i && i.id == id && i.client == client;
    }

    @Override
    public int hashCode() {
        return Objects.hash(client.serverUrl(), id);
    }
}
