package org.caniclab.sim.substrate.ic;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.caniclab.core.ic.Principal;
import org.caniclab.sim.substrate.management.ManagementCandid;
import org.caniclab.sim.substrate.management.ManagementCandid.ProvisionalCreateArgs;
import org.caniclab.sim.substrate.ic.HashTrees.Node;
import org.ic4j.candid.parser.IDLArgs;
import org.ic4j.candid.parser.IDLType;
import org.ic4j.candid.parser.IDLValue;
import org.ic4j.candid.types.Label;
import org.ic4j.candid.types.Type;
import org.miracl.core.BLS12381.BLS;

/**
 * A loopback fake of an IC replica's {@code /api/v2} interface for the IC backend's tests (spec §E.3), strict about
 * the protocol's shape and minimal about semantics. It binds 127.0.0.1 only, on a free port, with a small thread pool.
 *
 * <ul>
 *   <li>{@code GET /api/v2/status}: CBOR with a real BLS12-381 root key (Miracl, the code ic4j verifies with), and
 *       {@code default_effective_canister_id} when configured.</li>
 *   <li>{@code POST /api/v2/canister/<ecid>/call}: a CBOR envelope whose content must have exactly the call fields;
 *       the request id is computed here independently ({@link HashTrees#requestId}); the sender must match the
 *       public key and the signature must verify (Ed25519 with the JDK, secp256k1 with Bouncy Castle), or be anonymous
 *       without either; the expiry must be within 5 minutes. Answers 202 with an empty body.</li>
 *   <li>{@code POST /api/v2/canister/<ecid>/read_state}: a certificate over {@code time} and the asked
 *       {@code request_status}, signed with the BLS key, so the agent's verification stays on.</li>
 *   <li>Semantics: the management canister's {@code provisional_create_canister_with_cycles} (sequential ids from
 *       {@link #FIRST_INDEX}) and the cycles ledger's {@code create_canister} (from a balance). The clock starts at
 *       {@link #START_TIME} and moves 1 ns per executed call.</li>
 *   <li>Switches: {@link #signWithWrongKey}, {@link #rejectCreates}, {@link #callHttpStatus}, {@link #processingPolls},
 *       {@link #forgetCalls} (every request stays unknown).</li>
 * </ul>
 *
 * <pre>{@code
 * try (FakeReplica replica = FakeReplica.start()) {
 *     URI url = replica.url();
 *     ...
 *     List<Principal> made = replica.allocated();
 * }
 * }</pre>
 */
final class FakeReplica implements AutoCloseable {
    static final long START_TIME = 1_750_000_000_000_000_000L;
    static final long FIRST_INDEX = 0x100000;
    static final Principal LEDGER = Principal.fromText("um5iw-rqaaa-aaaaq-qaaba-cai");
    private static final byte[] BLS_PREFIX =
            HexFormat.of().parseHex("308182301d060d2b0601040182dc7c0503010201060c2b0601040182dc7c05030201036100");
    private static final Set<String> CALL_FIELDS =
            Set.of("request_type", "canister_id", "method_name", "arg", "sender", "ingress_expiry", "nonce");
    private static final Set<String> READ_STATE_FIELDS =
            Set.of("request_type", "paths", "sender", "ingress_expiry", "nonce");
    private static final Set<String> ENVELOPE_FIELDS = Set.of("content", "sender_pubkey", "sender_sig",
            "sender_delegation");
    private static final CBORMapper CBOR = new CBORMapper();
    private static final BigInteger LEDGER_FEE = new BigInteger("100000000");

    /** One received call, as the fake decoded it. */
    record Call(String requestIdHex, Principal sender, Principal canister, String method, Principal effectiveCanisterId,
            byte[] arg) {}

    /** A created canister. */
    record Canister(Principal id, BigInteger cycles, List<Principal> controllers) {}

    private static final class Status {
        String state = "received";
        int pollsLeft;
        byte[] reply;
        int rejectCode;
        String rejectMessage;
        String errorCode;
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final byte[] rootKey;
    private final byte[] signingKey;
    private final byte[] wrongSigningKey;
    private final Map<String, Status> statuses = new TreeMap<>();
    private final Map<Principal, Canister> canisters = new LinkedHashMap<>();
    private final List<Call> calls = new ArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> protocolErrors = new ArrayList<>();
    private long time = START_TIME;
    private long nextIndex = FIRST_INDEX;
    private long nextBlock;

    // Switches (guarded by this).
    private boolean signWithWrongKey;
    private Optional<Principal> statusEcid = Optional.empty();
    private int rejectCode;
    private String rejectErrorCode;
    private String rejectMessage;
    private int callHttpStatus;
    private int processingPolls;
    private boolean forgetCalls;
    private BigInteger ledgerBalance = new BigInteger("1000000000000000");

    static {
        if (BLS.init() != BLS.BLS_OK) {
            throw new AssertionError("BLS.init failed");
        }
    }

    private FakeReplica() throws IOException {
        byte[][] main = blsKeyPair((byte) 1);
        byte[][] wrong = blsKeyPair((byte) 2);
        this.signingKey = main[0];
        this.rootKey = concat(BLS_PREFIX, main[1]);
        this.wrongSigningKey = wrong[0];
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        this.threads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "fake-replica");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    static FakeReplica start() {
        try {
            return new FakeReplica();
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind 127.0.0.1", e);
        }
    }

    /** A deterministic BLS key pair: {secret key, 96-byte compressed G2 public key}. */
    private static byte[][] blsKeyPair(byte seed) {
        byte[] ikm = new byte[32];
        Arrays.fill(ikm, seed);
        byte[] sk = new byte[BLS.BGS];
        byte[] pk = new byte[4 * BLS.BFS];
        if (BLS.KeyPairGenerate(ikm, sk, pk) != BLS.BLS_OK) {
            throw new AssertionError("BLS.KeyPairGenerate failed");
        }
        return new byte[][] {sk, Arrays.copyOf(pk, 96)};
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    byte[] rootKey() {
        return rootKey.clone();
    }

    // ---- switches ------------------------------------------------------------------------------------------------

    /** Certificates are signed with a key other than the published root key. */
    synchronized FakeReplica signWithWrongKey(boolean on) {
        this.signWithWrongKey = on;
        return this;
    }

    /** The status names this default effective canister id. */
    synchronized FakeReplica statusEffectiveCanisterId(Principal ecid) {
        this.statusEcid = Optional.of(ecid);
        return this;
    }

    /** Every create is rejected with this certified reject (errorCode may be null: not certified). */
    synchronized FakeReplica rejectCreates(int code, String errorCode, String message) {
        this.rejectCode = code;
        this.rejectErrorCode = errorCode;
        this.rejectMessage = message;
        return this;
    }

    /** Every {@code /call} is answered with this HTTP status (0: normal). */
    synchronized FakeReplica callHttpStatus(int status) {
        this.callHttpStatus = status;
        return this;
    }

    /** Each request answers {@code processing} to this many read_state polls before its final status. */
    synchronized FakeReplica processingPolls(int n) {
        this.processingPolls = n;
        return this;
    }

    /** Calls are accepted (202) but never recorded: their status stays unknown. */
    synchronized FakeReplica forgetCalls(boolean on) {
        this.forgetCalls = on;
        return this;
    }

    synchronized FakeReplica ledgerBalance(BigInteger balance) {
        this.ledgerBalance = balance;
        return this;
    }

    // ---- observations --------------------------------------------------------------------------------------------

    synchronized List<Principal> allocated() {
        return List.copyOf(canisters.keySet());
    }

    synchronized Canister canister(Principal id) {
        return canisters.get(id);
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    synchronized BigInteger ledgerBalance() {
        return ledgerBalance;
    }

    synchronized long time() {
        return time;
    }

    int requestCount() {
        return requests.get();
    }

    /** What the fake refused as malformed (400s), for tests to assert there were none. */
    synchronized List<String> protocolErrors() {
        return List.copyOf(protocolErrors);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- HTTP ----------------------------------------------------------------------------------------------------

    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        try (ex) {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readNBytes(4 * 1024 * 1024);
            }
            try {
                String path = ex.getRequestURI().getPath();
                String[] parts = path.split("/");
                if (path.equals("/api/v2/status")) {
                    require(ex.getRequestMethod().equals("GET"), 405, "status is GET");
                    send(ex, 200, status());
                } else if (parts.length == 6 && parts[1].equals("api") && parts[2].equals("v2")
                        && parts[3].equals("canister")) {
                    require(ex.getRequestMethod().equals("POST"), 405, parts[5] + " is POST");
                    require("application/cbor".equals(ex.getRequestHeaders().getFirst("Content-Type")), 400,
                            "Content-Type must be application/cbor");
                    Principal ecid;
                    try {
                        ecid = Principal.fromText(parts[4]);
                    } catch (IllegalArgumentException e) {
                        throw new Refused(400, "effective canister id: " + e.getMessage());
                    }
                    switch (parts[5]) {
                        case "call" -> {
                            synchronized (this) {
                                if (callHttpStatus != 0) {
                                    throw new Refused(callHttpStatus, "the fake refuses calls (switch)");
                                }
                            }
                            call(ecid, body);
                            send(ex, 202, new byte[0]);
                        }
                        case "read_state" -> send(ex, 200, readState(body));
                        default -> throw new Refused(404, "no endpoint " + path);
                    }
                } else {
                    throw new Refused(404, "no endpoint " + path);
                }
            } catch (Refused r) {
                if (r.status == 400) {
                    synchronized (this) {
                        protocolErrors.add(r.getMessage());
                    }
                }
                send(ex, r.status, r.getMessage().getBytes(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                synchronized (this) {
                    protocolErrors.add(String.valueOf(e));
                }
                send(ex, 500, String.valueOf(e).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        if (status == 200) {
            ex.getResponseHeaders().set("Content-Type", "application/cbor");
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void require(boolean ok, int status, String message) throws Refused {
        if (!ok) {
            throw new Refused(status, message);
        }
    }

    // ---- endpoints -----------------------------------------------------------------------------------------------

    private synchronized byte[] status() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = cbor(out)) {
            g.writeStartObject();
            g.writeStringField("ic_api_version", "0.18.0");
            g.writeStringField("impl_version", "fake-replica");
            g.writeStringField("replica_health_status", "healthy");
            g.writeFieldName("root_key");
            g.writeBinary(rootKey);
            if (statusEcid.isPresent()) {
                g.writeFieldName("default_effective_canister_id");
                g.writeBinary(statusEcid.get().toBytes());
            }
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private static CBORGenerator cbor(ByteArrayOutputStream out) throws IOException {
        CBORFactory f = CBORFactory.builder().enable(CBORGenerator.Feature.WRITE_TYPE_HEADER).build();
        return (CBORGenerator) f.createGenerator(out);
    }

    /** Checks the envelope and returns its content, with the request id computed here. */
    private record Envelope(JsonNode content, byte[] requestId, Principal sender) {}

    private Envelope envelope(byte[] body, String requestType, Set<String> fields) throws Refused {
        JsonNode env;
        try {
            env = CBOR.readTree(body);
        } catch (IOException e) {
            throw new Refused(400, "the body is not CBOR");
        }
        require(env != null && env.isObject(), 400, "the envelope is not a map");
        for (Iterator<String> it = env.fieldNames(); it.hasNext();) {
            String f = it.next();
            require(ENVELOPE_FIELDS.contains(f), 400, "unknown envelope field " + f);
        }
        JsonNode content = env.get("content");
        require(content != null && content.isObject(), 400, "the envelope has no content map");
        require(requestType.equals(content.path("request_type").asText()), 400,
                "request_type must be " + requestType);
        Map<String, HashTrees.Value> values = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = content.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            require(fields.contains(e.getKey()), 400, "unknown content field " + e.getKey());
            values.put(e.getKey(), value(e.getKey(), e.getValue()));
        }
        for (String f : fields) {
            require(f.equals("nonce") || content.has(f), 400, "content has no " + f);
        }
        long expiry = content.get("ingress_expiry").longValue();
        long wallNanos = System.currentTimeMillis() * 1_000_000L; // the agent sets expiry from the wall clock
        require(content.get("ingress_expiry").canConvertToLong() && expiry > wallNanos
                && expiry <= wallNanos + TimeUnit.MINUTES.toNanos(6), 400, "ingress_expiry is not within 5 minutes");
        byte[] rid = HashTrees.requestId(values);
        Principal sender = Principal.of(bytes(content.get("sender"), "sender"));
        verifySender(env, sender, rid);
        return new Envelope(content, rid, sender);
    }

    private static HashTrees.Value value(String key, JsonNode n) throws Refused {
        if (n.isBinary()) {
            return new HashTrees.Blob(bytes(n, key));
        }
        if (n.isTextual()) {
            return new HashTrees.Text(n.asText());
        }
        if (n.isIntegralNumber() && n.canConvertToLong() && n.longValue() >= 0) {
            return new HashTrees.Nat(n.longValue());
        }
        if (n.isArray()) {
            List<HashTrees.Value> items = new ArrayList<>();
            for (JsonNode item : n) {
                items.add(value(key, item));
            }
            return new HashTrees.Array(items);
        }
        throw new Refused(400, "content field " + key + " has a value of type " + n.getNodeType());
    }

    private void verifySender(JsonNode env, Principal sender, byte[] rid) throws Refused {
        boolean anonymous = sender.equals(Principal.anonymous());
        JsonNode pub = env.get("sender_pubkey");
        JsonNode sig = env.get("sender_sig");
        if (anonymous) {
            require(pub == null && sig == null, 400, "an anonymous request carries no key or signature");
            return;
        }
        require(pub != null && sig != null, 400, "a signed request carries sender_pubkey and sender_sig");
        byte[] der = bytes(pub, "sender_pubkey");
        byte[] expected = selfAuthenticating(der);
        require(Arrays.equals(expected, sender.toBytes()), 400, "sender is not the self-authenticating id of the key");
        byte[] msg = concat(HashTrees.domain("ic-request"), rid);
        require(verifies(der, msg, bytes(sig, "sender_sig")), 400, "the signature does not verify");
    }

    static byte[] selfAuthenticating(byte[] der) {
        byte[] h;
        try {
            h = java.security.MessageDigest.getInstance("SHA-224").digest(der);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        byte[] out = Arrays.copyOf(h, h.length + 1);
        out[h.length] = 0x02;
        return out;
    }

    private static boolean verifies(byte[] der, byte[] msg, byte[] sig) {
        String hex = HexFormat.of().formatHex(der);
        try {
            if (hex.startsWith("302a300506032b6570032100")) {
                java.security.Signature s = java.security.Signature.getInstance("Ed25519");
                s.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)));
                s.update(msg);
                return s.verify(sig);
            }
            if (hex.startsWith("3056301006072a8648ce3d020106052b8104000a034200") && sig.length == 64) {
                X9ECParameters x9 = CustomNamedCurves.getByName("secp256k1");
                ECDomainParameters d = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
                ECPublicKeyParameters key = new ECPublicKeyParameters(
                        d.getCurve().decodePoint(Arrays.copyOfRange(der, der.length - 65, der.length)), d);
                ECDSASigner v = new ECDSASigner();
                v.init(false, key);
                BigInteger r = new BigInteger(1, Arrays.copyOf(sig, 32));
                BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
                return s.compareTo(d.getN().shiftRight(1)) <= 0 // the IC wants low-s
                        && v.verifySignature(HashTrees.sha256(msg), r, s);
            }
            return false;
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private void call(Principal ecid, byte[] body) throws Refused {
        Envelope env = envelope(body, "call", CALL_FIELDS);
        JsonNode c = env.content();
        Principal canister = Principal.of(bytes(c.get("canister_id"), "canister_id"));
        String method = c.get("method_name").asText();
        byte[] arg = bytes(c.get("arg"), "arg");
        String rid = HexFormat.of().formatHex(env.requestId());
        synchronized (this) {
            calls.add(new Call(rid, env.sender(), canister, method, ecid, arg));
            if (forgetCalls) {
                return;
            }
            if (statuses.containsKey(rid)) {
                return; // the IC ignores a duplicate of a known request
            }
            Status s = new Status();
            s.pollsLeft = processingPolls;
            statuses.put(rid, s);
            execute(s, env.sender(), canister, method, ecid, arg);
        }
    }

    /** Runs the call at once; the status it ends in is shown after the configured processing polls. */
    private void execute(Status s, Principal sender, Principal canister, String method, Principal ecid, byte[] arg) {
        time++;
        if (canister.equals(Principal.managementCanister())) {
            if (!method.equals("provisional_create_canister_with_cycles")) {
                reject(s, 4, "IC0407", "management method " + method + " is not implemented by the fake");
                return;
            }
            ProvisionalCreateArgs a;
            try {
                a = provisionalArgs(arg);
            } catch (RuntimeException e) {
                reject(s, 4, "IC0408", "invalid management payload: " + e.getMessage());
                return;
            }
            if (rejectCode != 0) {
                reject(s, rejectCode, rejectErrorCode, rejectMessage);
                return;
            }
            Principal id = Principal.canisterId(nextIndex++);
            canisters.put(id, new Canister(id, a.amount().orElse(BigInteger.ZERO),
                    a.controllers().orElse(List.of(sender))));
            s.state = "replied";
            s.reply = ManagementCandid.encodeCanisterIdRecord(id);
        } else if (canister.equals(LEDGER) && method.equals("create_canister")) {
            if (!ecid.equals(LEDGER)) {
                reject(s, 3, "IC0301", "the cycles ledger is reached through its own id, not " + ecid);
                return;
            }
            if (rejectCode != 0) {
                reject(s, rejectCode, rejectErrorCode, rejectMessage);
                return;
            }
            BigInteger amount = ledgerAmount(arg);
            if (amount == null) {
                reject(s, 5, "IC0503", "the cycles ledger cannot decode create_canister's argument");
                return;
            }
            BigInteger cost = amount.add(LEDGER_FEE);
            if (ledgerBalance.compareTo(cost) < 0) {
                s.state = "replied";
                s.reply = ledgerInsufficientFunds(ledgerBalance);
                return;
            }
            ledgerBalance = ledgerBalance.subtract(cost);
            Principal id = Principal.canisterId(nextIndex++);
            canisters.put(id, new Canister(id, amount, List.of(sender)));
            s.state = "replied";
            s.reply = ledgerOk(id, BigInteger.valueOf(nextBlock++));
        } else {
            reject(s, 3, "IC0301", "canister " + canister + " not found");
        }
    }

    private static void reject(Status s, int code, String errorCode, String message) {
        s.state = "rejected";
        s.rejectCode = code;
        s.errorCode = errorCode;
        s.rejectMessage = message;
    }

    private byte[] readState(byte[] body) throws Refused, IOException {
        Envelope env = envelope(body, "read_state", READ_STATE_FIELDS);
        JsonNode paths = env.content().get("paths");
        require(paths.isArray() && paths.size() >= 1, 400, "paths must be a non-empty array");
        Map<byte[], Node> top = new LinkedHashMap<>();
        synchronized (this) {
            top.put("time".getBytes(StandardCharsets.US_ASCII), new HashTrees.Leaf(HashTrees.leb128(time)));
            Map<byte[], Node> requestsTree = new LinkedHashMap<>();
            for (JsonNode path : paths) {
                require(path.isArray() && path.size() >= 1, 400, "a path is a non-empty array of blobs");
                String first = new String(bytes(path.get(0), "path"), StandardCharsets.UTF_8);
                if (first.equals("time")) {
                    require(path.size() == 1, 400, "the time path has one label");
                } else if (first.equals("request_status")) {
                    require(path.size() == 2, 400, "the fake answers request_status/<id> paths only");
                    byte[] rid = bytes(path.get(1), "request id");
                    require(rid.length == 32, 400, "a request id has 32 bytes");
                    Status s = statuses.get(HexFormat.of().formatHex(rid));
                    if (s != null) {
                        requestsTree.put(rid, statusTree(s));
                    }
                } else {
                    throw new Refused(400, "the fake answers time and request_status paths only, not " + first);
                }
            }
            if (!requestsTree.isEmpty()) {
                top.put("request_status".getBytes(StandardCharsets.US_ASCII), HashTrees.children(requestsTree));
            }
        }
        Node tree = HashTrees.children(top);
        byte[] msg = concat(HashTrees.domain("ic-state-root"), HashTrees.digest(tree));
        byte[] sig = new byte[BLS.BFS + 1];
        byte[] key;
        synchronized (this) {
            key = signWithWrongKey ? wrongSigningKey : signingKey;
        }
        BLS.core_sign(sig, msg, key);
        ByteArrayOutputStream cert = new ByteArrayOutputStream();
        try (CBORGenerator g = cbor(cert)) {
            g.writeStartObject();
            g.writeFieldName("tree");
            writeTree(g, tree);
            g.writeFieldName("signature");
            g.writeBinary(Arrays.copyOf(sig, BLS.BFS));
            g.writeEndObject();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = cbor(out)) {
            g.writeStartObject();
            g.writeFieldName("certificate");
            g.writeBinary(cert.toByteArray());
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    /** The certified status of one request; a processing poll is used up by each read. */
    private static Node statusTree(Status s) {
        Map<byte[], Node> fields = new LinkedHashMap<>();
        if (s.pollsLeft > 0) {
            s.pollsLeft--;
            fields.put(ascii("status"), HashTrees.leaf("processing"));
            return HashTrees.children(fields);
        }
        fields.put(ascii("status"), HashTrees.leaf(s.state));
        if (s.state.equals("replied")) {
            fields.put(ascii("reply"), new HashTrees.Leaf(s.reply));
        } else if (s.state.equals("rejected")) {
            fields.put(ascii("reject_code"), new HashTrees.Leaf(HashTrees.leb128(s.rejectCode)));
            fields.put(ascii("reject_message"), HashTrees.leaf(s.rejectMessage));
            if (s.errorCode != null) {
                fields.put(ascii("error_code"), HashTrees.leaf(s.errorCode));
            }
        }
        return HashTrees.children(fields);
    }

    private static void writeTree(JsonGenerator g, Node n) throws IOException {
        g.writeStartArray();
        if (n instanceof HashTrees.Empty) {
            g.writeNumber(0);
        } else if (n instanceof HashTrees.Fork f) {
            g.writeNumber(1);
            writeTree(g, f.left());
            writeTree(g, f.right());
        } else if (n instanceof HashTrees.Labeled l) {
            g.writeNumber(2);
            g.writeBinary(l.label());
            writeTree(g, l.child());
        } else {
            g.writeNumber(3);
            g.writeBinary(((HashTrees.Leaf) n).value());
        }
        g.writeEndArray();
    }

    // ---- the cycles ledger's Candid, read and written with ic4j-candid (single-case variants: §B.3) ---------------

    /**
     * {@code provisional_create_canister_with_cycles}' argument, decoded with ic4j-candid by field hash (so
     * independently of the hand-written encoder under test): {@code amount} and {@code settings.controllers}.
     */
    private static ProvisionalCreateArgs provisionalArgs(byte[] arg) {
        Object v = IDLArgs.fromBytes(arg).getArgs().get(0).getValue();
        if (!(v instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("the argument is not a record");
        }
        Optional<BigInteger> amount = Optional.empty();
        Optional<List<Principal>> controllers = Optional.empty();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            long h = ((Label) e.getKey()).getId();
            if (h == ManagementCandid.fieldHash("amount")) {
                amount = ((Optional<?>) e.getValue()).map(x -> (BigInteger) x);
            } else if (h == ManagementCandid.fieldHash("settings")) {
                Optional<?> settings = (Optional<?>) e.getValue();
                if (settings.isPresent()) {
                    for (Map.Entry<?, ?> f : ((Map<?, ?>) settings.get()).entrySet()) {
                        if (((Label) f.getKey()).getId() == ManagementCandid.fieldHash("controllers")) {
                            Optional<?> cs = (Optional<?>) f.getValue();
                            if (cs.isPresent()) {
                                List<Principal> list = new ArrayList<>();
                                for (Object c : (Object[]) cs.get()) {
                                    list.add(Principal.of(((org.ic4j.types.Principal) c).getValue()));
                                }
                                controllers = Optional.of(list);
                            }
                        }
                    }
                }
            }
        }
        return new ProvisionalCreateArgs(amount, controllers, Optional.empty(), java.util.OptionalLong.empty());
    }

    private static BigInteger ledgerAmount(byte[] arg) {
        try {
            Object v = IDLArgs.fromBytes(arg).getArgs().get(0).getValue();
            if (!(v instanceof Map<?, ?> m)) {
                return null;
            }
            Set<Long> expected = Set.of(ManagementCandid.fieldHash("from_subaccount"),
                    ManagementCandid.fieldHash("created_at_time"), ManagementCandid.fieldHash("amount"),
                    ManagementCandid.fieldHash("creation_args"));
            BigInteger amount = null;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                long h = ((Label) e.getKey()).getId();
                if (!expected.contains(h)) {
                    return null;
                }
                if (h == ManagementCandid.fieldHash("amount")) {
                    amount = e.getValue() instanceof BigInteger b ? b : null;
                }
            }
            return amount;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static byte[] ledgerOk(Principal id, BigInteger block) {
        TreeMap<Label, IDLType> okType = new TreeMap<>();
        okType.put(Label.createNamedLabel("block_id"), IDLType.createType(Type.NAT));
        okType.put(Label.createNamedLabel("canister_id"), IDLType.createType(Type.PRINCIPAL));
        TreeMap<Label, Object> ok = new TreeMap<>();
        ok.put(Label.createNamedLabel("block_id"), block);
        ok.put(Label.createNamedLabel("canister_id"), org.ic4j.types.Principal.from(id.toBytes()));
        return variant("Ok", IDLType.createType(Type.RECORD, okType), ok);
    }

    private static byte[] ledgerInsufficientFunds(BigInteger balance) {
        TreeMap<Label, IDLType> recType = new TreeMap<>();
        recType.put(Label.createNamedLabel("balance"), IDLType.createType(Type.NAT));
        TreeMap<Label, Object> rec = new TreeMap<>();
        rec.put(Label.createNamedLabel("balance"), balance);
        TreeMap<Label, IDLType> errType = new TreeMap<>();
        errType.put(Label.createNamedLabel("InsufficientFunds"), IDLType.createType(Type.RECORD, recType));
        TreeMap<Label, Object> err = new TreeMap<>();
        err.put(Label.createNamedLabel("InsufficientFunds"), rec);
        return variant("Err", IDLType.createType(Type.VARIANT, errType), err);
    }

    private static byte[] variant(String name, IDLType caseType, Object caseValue) {
        TreeMap<Label, IDLType> t = new TreeMap<>();
        t.put(Label.createNamedLabel(name), caseType);
        TreeMap<Label, Object> v = new TreeMap<>();
        v.put(Label.createNamedLabel(name), caseValue);
        return IDLArgs.create(List.of(IDLValue.create(v, IDLType.createType(Type.VARIANT, t)))).toBytes();
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static byte[] bytes(JsonNode n, String what) throws Refused {
        if (n == null || !n.isBinary()) {
            throw new Refused(400, what + " must be a CBOR byte string");
        }
        try {
            return n.binaryValue();
        } catch (IOException e) {
            throw new Refused(400, what + " is unreadable");
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
