package org.caniclab.sim.substrate.ic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.caniclab.core.ic.Principal;
import org.caniclab.sim.substrate.management.RejectInfo;
import org.ic4j.agent.Agent;
import org.ic4j.agent.AgentBuilder;
import org.ic4j.agent.AgentError;
import org.ic4j.agent.NonceFactory;
import org.ic4j.agent.ReplicaResponse;
import org.ic4j.agent.certification.Certificate;
import org.ic4j.agent.certification.hashtree.Label;
import org.ic4j.agent.certification.hashtree.LookupResult;
import org.ic4j.agent.requestid.RequestId;

/**
 * {@link IcAgent} on ic4j-agent 0.7.2 over {@link JdkHttpTransport}. It uses ic4j for what ic4j does well — request
 * ids, envelopes, signatures, certificate verification with BLS — and drives the protocol itself: {@code call()}
 * once, then its own bounded {@code read_state} loop (never {@code callAndWait}, which turns every polling error into
 * a timeout), reading the certified {@code error_code} and {@code time} that ic4j's status lookup drops.
 *
 * <p>Every call carries a fresh nonce: two identical creates sent in the same millisecond would otherwise have the
 * same request id, and the IC would answer both with one canister.
 *
 * <pre>{@code
 * try (IcAgent agent = Ic4jAgent.connect(URI.create("http://127.0.0.1:4943"), identity, AgentTimeouts.DEFAULT)) {
 *     agent.trustRootKey(agent.status().rootKey().orElseThrow());
 * }
 * }</pre>
 */
final class Ic4jAgent implements IcAgent {
    /** The ic4j-agent version this build is compiled and tested against (the shaded jar loses its manifest). */
    static final String AGENT_VERSION = "0.7.2";
    /** The DER prefix of a BLS12-381 G2 public key as the IC publishes it; 96 key bytes follow. */
    static final byte[] BLS_DER_PREFIX =
            HexFormat.of().parseHex("308182301d060d2b0601040182dc7c0503010201060c2b0601040182dc7c05030201036100");
    static final int BLS_KEY_BYTES = 96;

    private static final ObjectMapper CBOR = new CBORMapper();
    private static final Label REQUEST_STATUS = new Label("request_status");
    private static final Label TIME = new Label("time");

    private final String endpoint;
    private final JdkHttpTransport transport;
    private final Agent agent;
    private final Principal sender;
    private final AgentTimeouts timeouts;
    private volatile long lastTime;

    private Ic4jAgent(URI url, IcIdentity identity, AgentTimeouts timeouts) {
        this.endpoint = url.toString();
        this.timeouts = timeouts;
        this.transport = new JdkHttpTransport(url, timeouts.connectMillis(), timeouts.requestMillis());
        this.agent = new AgentBuilder().transport(transport).identity(identity.agentIdentity())
                .nonceFactory(new NonceFactory()).build();
        this.sender = identity.principal();
    }

    /** An agent for {@code url} signing as {@code identity}; no network traffic until the first call. */
    static Ic4jAgent connect(URI url, IcIdentity identity, AgentTimeouts timeouts) {
        return new Ic4jAgent(url, identity, timeouts);
    }

    @Override
    public String implementation() {
        return "ic4j-agent " + AGENT_VERSION;
    }

    @Override
    public Principal sender() {
        return sender;
    }

    @Override
    public EndpointStatus status() {
        ReplicaResponse r = await(transport.status(), "GET " + endpoint + "/api/v2/status");
        JsonNode map;
        try {
            map = CBOR.readTree(r.payload);
        } catch (IOException e) {
            throw new AgentException(AgentException.Kind.PROTOCOL, endpoint + "/api/v2/status did not answer CBOR; "
                    + "is this an IC endpoint (a replica, PocketIC's gateway, icp-api.io)?");
        }
        if (map == null || !map.isObject() || !map.has("ic_api_version")) {
            throw new AgentException(AgentException.Kind.PROTOCOL, endpoint + "/api/v2/status is not an IC status "
                    + "(no ic_api_version); is this an IC endpoint (a replica, PocketIC's gateway, icp-api.io)?");
        }
        Optional<byte[]> rootKey = Optional.empty();
        JsonNode k = map.get("root_key");
        if (k != null && k.isBinary()) {
            rootKey = Optional.of(binary(k));
        }
        Optional<Principal> ecid = Optional.empty();
        JsonNode e = map.get("default_effective_canister_id");
        try {
            if (e != null && e.isBinary()) {
                ecid = Optional.of(Principal.of(binary(e)));
            } else if (e != null && e.isTextual()) {
                ecid = Optional.of(Principal.fromText(e.asText()));
            }
        } catch (IllegalArgumentException bad) {
            throw new AgentException(AgentException.Kind.PROTOCOL, endpoint + "/api/v2/status has an unreadable "
                    + "default_effective_canister_id: " + bad.getMessage());
        }
        return new EndpointStatus(rootKey, ecid, map.path("impl_version").asText(""));
    }

    @Override
    public void trustRootKey(byte[] der) {
        if (der.length != BLS_DER_PREFIX.length + BLS_KEY_BYTES
                || !Arrays.equals(der, 0, BLS_DER_PREFIX.length, BLS_DER_PREFIX, 0, BLS_DER_PREFIX.length)) {
            throw new AgentException(AgentException.Kind.CERTIFICATE, endpoint + " publishes a root key of "
                    + der.length + " bytes that is not a DER BLS12-381 key (" + (BLS_DER_PREFIX.length + BLS_KEY_BYTES)
                    + " bytes); is this an IC endpoint?");
        }
        agent.setRootKey(der.clone());
    }

    @Override
    public byte[] update(Principal canister, Principal effectiveCanisterId, String method, byte[] arg) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeouts.callMillis());
        org.ic4j.types.Principal callee = ic4j(canister);
        org.ic4j.types.Principal ecid = ic4j(effectiveCanisterId);
        String what = method + " on " + canister;
        RequestId rid = await(submit(callee, ecid, method, arg), "POST " + endpoint + "/api/v2/canister/"
                + effectiveCanisterId + "/call (" + what + ")");
        List<List<byte[]>> paths = List.of(List.of("request_status".getBytes(StandardCharsets.US_ASCII), rid.get()));
        long pause = timeouts.firstPollMillis();
        String last = "unknown";
        while (true) {
            Certificate cert = readState(ecid, paths, what);
            List<Label> base = List.of(REQUEST_STATUS, new Label(rid.get()));
            Optional<String> status = text(cert, base, "status");
            if (status.isPresent()) {
                last = status.get();
                switch (last) {
                    case "replied" -> {
                        return leaf(cert, base, "reply").orElseThrow(() -> new AgentException(
                                AgentException.Kind.PROTOCOL, endpoint + " certified " + what + " as replied "
                                        + "without a reply"));
                    }
                    case "rejected" -> throw new CallRejectedException(method, reject(cert, base, what));
                    case "done" -> throw new AgentException(AgentException.Kind.PROTOCOL, endpoint + " certified "
                            + what + " as done: its answer was already pruned (request " + rid.toHexString() + ")");
                    case "received", "processing" -> {
                        // keep polling
                    }
                    default -> throw new AgentException(AgentException.Kind.PROTOCOL, endpoint + " certified "
                            + what + " with status '" + last + "', which the IC protocol does not have");
                }
            }
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new AgentException(AgentException.Kind.TIMEOUT, endpoint + " did not answer " + what
                        + " within " + timeouts.callMillis() + " ms (last certified status: " + last + ", request "
                        + rid.toHexString() + ")");
            }
            sleep(Math.min(pause, left));
            pause = Math.min(pause * 2, timeouts.longestPollMillis());
        }
    }

    @Override
    public long readTime(Principal effectiveCanisterId) {
        readState(ic4j(effectiveCanisterId), List.of(List.of("time".getBytes(StandardCharsets.US_ASCII))), "time");
        return lastTime;
    }

    @Override
    public long lastCertifiedTime() {
        return lastTime;
    }

    @Override
    public void close() {
        transport.close();
    }

    @Override
    public String toString() {
        return "Ic4jAgent[" + endpoint + ", sender " + sender + "]";
    }

    // ---- protocol steps -------------------------------------------------------------------------------------------

    private CompletableFuture<RequestId> submit(org.ic4j.types.Principal callee, org.ic4j.types.Principal ecid,
            String method, byte[] arg) {
        try {
            return agent.updateRaw(callee, ecid, method, arg, Optional.empty());
        } catch (AgentError e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Certificate readState(org.ic4j.types.Principal ecid, List<List<byte[]>> paths, String what) {
        CompletableFuture<Agent.CertificateResponse> f;
        try {
            f = agent.readStateRaw(ecid, paths, false, null);
        } catch (AgentError e) {
            f = CompletableFuture.failedFuture(e);
        }
        Certificate cert = await(f, "POST " + endpoint + "/api/v2/canister/" + ecid + "/read_state (" + what + ")")
                .certificate;
        if (cert == null || cert.tree == null) {
            throw new AgentException(AgentException.Kind.PROTOCOL, endpoint + " answered read_state for " + what
                    + " without a certificate");
        }
        leaf(cert, List.of(), "time").ifPresent(t -> {
            long ns = leb128(t);
            if (ns > lastTime) {
                lastTime = ns;
            }
        });
        return cert;
    }

    private RejectInfo reject(Certificate cert, List<Label> base, String what) {
        int code = leaf(cert, base, "reject_code").map(b -> (int) Math.min(leb128(b), Integer.MAX_VALUE)).orElse(0);
        String message = text(cert, base, "reject_message").orElse("");
        String errorCode = text(cert, base, "error_code").orElse("");
        return RejectInfo.certified(code, errorCode, message);
    }

    private static Optional<String> text(Certificate cert, List<Label> base, String name) {
        return leaf(cert, base, name).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    private static Optional<byte[]> leaf(Certificate cert, List<Label> base, String name) {
        List<Label> path = new java.util.ArrayList<>(base);
        path.add(new Label(name));
        LookupResult r = cert.tree.lookupPath(path);
        return r.status == LookupResult.LookupResultStatus.FOUND && r.value != null ? Optional.of(r.value)
                : Optional.empty();
    }

    /** Waits for one HTTP exchange, bounded a little beyond the transport's own bound, and classifies failures. */
    private <T> T await(CompletableFuture<T> f, String what) {
        try {
            return f.get(timeouts.requestMillis() + timeouts.connectMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AgentException(AgentException.Kind.TIMEOUT, what + ": no answer within "
                    + timeouts.requestMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentException(AgentException.Kind.TIMEOUT, what + ": interrupted");
        } catch (ExecutionException e) {
            throw classify(e.getCause(), what);
        }
    }

    private AgentException classify(Throwable t, String what) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof AgentException a) {
                return a;
            }
        }
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof AgentError e) {
            AgentError.AgentErrorCode code = e.getCode();
            if (code == AgentError.AgentErrorCode.CERTIFICATE_VERIFICATION_FAILED
                    || code == AgentError.AgentErrorCode.CERTIFICATE_NOT_AUTHORIZED
                    || code == AgentError.AgentErrorCode.DER_KEY_LENGTH_MISMATCH
                    || code == AgentError.AgentErrorCode.DER_PREFIX_MISMATCH) {
                return new AgentException(AgentException.Kind.CERTIFICATE, what + ": the certificate does not verify "
                        + "against the trusted root key (" + code + ")");
            }
            return new AgentException(AgentException.Kind.PROTOCOL, what + ": " + code
                    + (e.getMessage() == null ? "" : " " + oneLine(e.getMessage())));
        }
        return new AgentException(AgentException.Kind.PROTOCOL, what + ": " + oneLine(String.valueOf(c)));
    }

    private static String oneLine(String s) {
        String t = s.replaceAll("\\s+", " ").strip();
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }

    private static long leb128(byte[] b) {
        long v = 0;
        int shift = 0;
        for (byte x : b) {
            if (shift > 63) {
                throw new AgentException(AgentException.Kind.PROTOCOL, "a certified number is longer than 64 bits");
            }
            v |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                return v;
            }
            shift += 7;
        }
        throw new AgentException(AgentException.Kind.PROTOCOL, "a certified number ends mid-LEB128");
    }

    private static byte[] binary(JsonNode n) {
        try {
            return n.binaryValue();
        } catch (IOException e) {
            throw new AgentException(AgentException.Kind.PROTOCOL, "unreadable CBOR bytes");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentException(AgentException.Kind.TIMEOUT, "interrupted while waiting for an answer");
        }
    }

    static org.ic4j.types.Principal ic4j(Principal p) {
        return org.ic4j.types.Principal.from(p.toBytes());
    }
}
