package org.caniclab.sim.substrate.pocketic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.caniclab.core.ic.Principal;
import org.caniclab.sim.substrate.management.ManagementCandid.ProvisionalCreateArgs;
import org.caniclab.sim.substrate.management.ManagementCandid;
import org.caniclab.sim.substrate.management.CandidFormatException;

/**
 * A loopback fake of the PocketIC REST server for tests (backends spec §E.2): strict about the protocol's
 * shape — exact JSON keys, standard padded base64, {@code Content-Type}, the {@code processing-timeout-ms}
 * header, percent-encoded {@code read_graph} segments — and minimal about semantics: one application subnet
 * whose management canister only knows {@code provisional_create_canister_with_cycles}, allocating sequential
 * ids from the subnet's canister range.
 *
 * <p>Stress switches make the next requests answer 202 (to be polled through {@code read_graph}, then
 * pruned), 409 busy, or an error with a {@code {"message"}} body; a "v9.0.3 mode" drops the
 * {@code await_ingress_message} route (bare 404) so messages complete only through {@code tick}; rejects can be
 * encoded with numeric codes, variant-name strings, or the pre-v8 shapes. Every request is recorded.
 *
 * <pre>{@code
 * try (FakePocketIc fake = FakePocketIc.start()) {
 *     fake.answerNextWithStarted(1, 2);      // next instance request: 202, two 404 polls, then the result
 *     ... PocketIcClient.connect(fake.url()) ...
 *     fake.requests("/read_graph/");          // what the client sent
 * }
 * }</pre>
 */
final class FakePocketIc implements AutoCloseable {
    /** PocketIC's genesis time (2021-05-06T19:17:10Z), the fake's initial instance time. */
    static final long GENESIS_NANOS = 1_620_328_630_000_000_000L;
    /** The balance a canister gets when the create call names no amount. */
    static final BigInteger DEFAULT_PROVISIONAL_CYCLES = new BigInteger("100000000000000");
    /** First index of the application subnet's canister range (its first id is lxzze-o7777-77777-aaaaa-cai). */
    static final long RANGE_START = 0xFFFF_FFFF_FFE0_0000L;
    static final long RANGE_END = 0xFFFF_FFFF_FFEF_FFFFL;
    private static final BigInteger U128_MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
    private static final int MAX_BODY = 4 << 20;
    private static final String[] REJECT_NAMES = {"", "SysFatal", "SysTransient", "DestinationInvalid",
        "CanisterReject", "CanisterError", "SysUnknown"};
    private static final Map<Integer, String> ERROR_NAMES = Map.ofEntries(
            Map.entry(102, "MaxNumberOfCanistersReached"), Map.entry(205, "CanisterIdAlreadyExists"),
            Map.entry(207, "CanisterOutOfCycles"), Map.entry(301, "CanisterNotFound"),
            Map.entry(403, "InsufficientCyclesForCreateCanister"), Map.entry(404, "SubnetNotFound"),
            Map.entry(405, "CanisterNotHostedBySubnet"), Map.entry(407, "UnknownManagementMessage"),
            Map.entry(408, "InvalidManagementPayload"), Map.entry(502, "CanisterTrapped"),
            Map.entry(530, "InsufficientCyclesInComputeAllocation"), Map.entry(601, "DeadlineExpired"));
    /** The rounds {@code await_ingress_message} runs before it gives up (the server's {@code max_rounds}). */
    static final int AWAIT_ROUNDS = 100;

    /** How rejects are written. */
    enum RejectEncoding {
        /** Numbers, as some clients' types declare them: {@code {"reject_code": 4, ..., "error_code": 403}}. */
        NUMERIC,
        /**
         * What the server writes from v8 on (the default): enum names, {@code {"reject_code": "CanisterReject",
         * "error_code": "InsufficientCyclesForCreateCanister", ...}}.
         */
        STRINGS,
        /** Up to v7: {@code Ok: {"Reply": b64} | {"Reject": text}}, {@code Err: {"code", "description"}}. */
        PRE_V8
    }

    /** A reject the management canister will answer. */
    record Reject(int rejectCode, int errorCode, String message) {}

    /** One request as the fake saw it, and what it answered. */
    record Recorded(String method, String rawPath, String contentType, String processingTimeoutMs, String body,
            int status, String response) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("recorded body is not JSON: " + body, e);
            }
        }
    }

    /** A canister the fake created. */
    record Canister(Principal id, List<Principal> controllers, BigInteger cycles) {}

    private record Reply(int status, String contentType, String body) {
        static Reply json(int status, JsonNode n) {
            return new Reply(status, "application/json", n.toString());
        }

        static Reply empty(int status) {
            return new Reply(status, null, "");
        }
    }

    /** Ends a request with a given answer. */
    private static final class Answer extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Reply reply;

        Answer(Reply reply) {
            super(reply.body, null, false, false);
            this.reply = reply;
        }
    }

    private static final class Message {
        final long instance;
        final byte[] id;
        final JsonNode rawId;
        final Principal sender;
        final Principal canister;
        final String method;
        final byte[] payload;
        final JsonNode effective;
        final Subnet subnet;
        int ticksLeft;
        JsonNode result; // {"Ok": ...} or {"Err": ...} once done

        Message(long instance, byte[] id, JsonNode rawId, Principal sender, Principal canister, String method,
                byte[] payload, JsonNode effective, Subnet subnet, int ticks) {
            this.instance = instance;
            this.id = id;
            this.rawId = rawId;
            this.sender = sender;
            this.canister = canister;
            this.method = method;
            this.payload = payload;
            this.effective = effective;
            this.subnet = subnet;
            this.ticksLeft = ticks;
        }
    }

    /** A subnet: one canister range, allocated from its start. */
    private static final class Subnet {
        final Principal id;
        final long start;
        final long end;
        final String kind;
        long nextIndex;

        Subnet(Principal id, long start, long end, String kind) {
            this.id = id;
            this.start = start;
            this.end = end;
            this.kind = kind;
            this.nextIndex = start;
        }

        boolean hosts(Principal p) {
            return Principal.canisterId(start).compareTo(p) <= 0 && p.compareTo(Principal.canisterId(end)) <= 0;
        }
    }

    private static final class Instance {
        final long id;
        final Principal subnet;
        final List<Subnet> subnets = new ArrayList<>();
        boolean deleted;
        long time = GENESIS_NANOS;
        final Map<Principal, Canister> canisters = new TreeMap<>();
        final List<Principal> allocated = new ArrayList<>();
        final List<Message> messages = new ArrayList<>();

        Instance(long id, Principal subnet) {
            this.id = id;
            this.subnet = subnet;
            subnets.add(new Subnet(subnet, RANGE_START, RANGE_END, "Application"));
        }

        Subnet routeCanister(Principal p) {
            return subnets.stream().filter(s -> s.hosts(p)).findFirst().orElse(null);
        }
    }

    private static final class Graph {
        final Reply result;
        int pollsLeft;
        boolean read;
        boolean pruned;

        Graph(Reply result, int polls) {
            this.result = result;
            this.pollsLeft = polls;
        }
    }

    static {
        // Without TCP_NODELAY the JDK server's split header/body writes meet delayed ACKs: ~40 ms per request.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService threads;
    private final ScheduledExecutorService reaper;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<Recorded> recorded = new ArrayList<>();
    private final List<Instance> instances = new ArrayList<>();
    private final Map<String, Graph> graphs = new LinkedHashMap<>();
    private final Deque<Reject> rejects = new ArrayDeque<>();
    private final List<String> pruned = new ArrayList<>();
    private long messageCounter;
    private long opCounter;

    // switches
    private int startedNext;
    private int startedPolls;
    private int busyNext;
    private int failNext;
    private int failStatus;
    private String failMessage;
    private boolean awaitMissing;
    private int ticksPerMessage = 1;
    private RejectEncoding rejectEncoding = RejectEncoding.STRINGS;
    private int version = 15;
    private boolean pruneBeforeRead;
    private boolean readGraphMissing;

    private FakePocketIc() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        threads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "fake-pocketic");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        reaper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fake-pocketic-reaper");
            t.setDaemon(true);
            return t;
        });
        // Like --ttl: a fake a test forgot to close stops itself.
        reaper.schedule(this::close, 120, TimeUnit.SECONDS);
        server.start();
    }

    static FakePocketIc start() {
        try {
            return new FakePocketIc();
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind the fake PocketIC to 127.0.0.1", e);
        }
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            threads.shutdownNow();
            reaper.shutdownNow();
        }
    }

    // ---- switches --------------------------------------------------------------------------------------------

    /** The next {@code n} instance requests answer 202; each result is ready after {@code polls} 404 polls. */
    synchronized void answerNextWithStarted(int n, int polls) {
        startedNext = n;
        startedPolls = polls;
    }

    /** The next {@code n} instance requests answer 409 busy (and are not executed). */
    synchronized void answerNextBusy(int n) {
        busyNext = n;
    }

    /** The next {@code n} instance requests answer {@code status} with {@code {"message": message}}. */
    synchronized void failNext(int n, int status, String message) {
        failNext = n;
        failStatus = status;
        failMessage = message;
    }

    /** v9.0.3–v9.x: {@code await_ingress_message} is not a route; messages complete only through ticks. */
    synchronized void awaitMissing(boolean missing) {
        awaitMissing = missing;
    }

    /** How many ticks a message needs before {@code ingress_status} reports it (in v9.0.3 mode). */
    synchronized void ticksPerMessage(int n) {
        ticksPerMessage = n;
    }

    /**
     * The server major version the fake behaves as (9–15, default 15): from 11 a pruned {@code read_graph}
     * result is 404 "not found" (410 {@code Pruned} before) and {@code prune_graph} exists; from 13 instance
     * creation refuses an explicit {@code null} for an optional field.
     */
    synchronized void serverVersion(int major) {
        if (major < 9 || major > 15) {
            throw new IllegalArgumentException("the fake models PocketIC server v9-v15, not v" + major);
        }
        version = major;
    }

    /** {@code read_graph} is not a route (bare 404), as on no real server: to check the client fails at once. */
    synchronized void readGraphMissing(boolean missing) {
        readGraphMissing = missing;
    }

    /** The next 202 answer's result is pruned before the client reads it (as another client's prune would). */
    synchronized void pruneBeforeRead(boolean prune) {
        pruneBeforeRead = prune;
    }

    synchronized void rejectEncoding(RejectEncoding e) {
        rejectEncoding = e;
    }

    /** The next management call is rejected thus (queued, one per call). */
    synchronized void rejectNextCreate(Reject r) {
        rejects.add(r);
    }

    // ---- observations ----------------------------------------------------------------------------------------

    synchronized List<Recorded> requests() {
        return List.copyOf(recorded);
    }

    /** Recorded requests whose raw path contains {@code fragment}. */
    synchronized List<Recorded> requests(String fragment) {
        return recorded.stream().filter(r -> r.rawPath().contains(fragment)).toList();
    }

    synchronized List<String> prunedGraphs() {
        return List.copyOf(pruned);
    }

    synchronized List<Principal> allocated(long instance) {
        return List.copyOf(instance(instance).allocated);
    }

    synchronized Canister canister(long instance, Principal id) {
        return instance(instance).canisters.get(id);
    }

    synchronized long time(long instance) {
        return instance(instance).time;
    }

    synchronized Principal subnet(long instance) {
        return instance(instance).subnet;
    }

    synchronized boolean deleted(long instance) {
        return instance(instance).deleted;
    }

    private Instance instance(long id) {
        if (id < 0 || id >= instances.size()) {
            throw new IllegalArgumentException("no instance " + id);
        }
        return instances.get((int) id);
    }

    // ---- HTTP ------------------------------------------------------------------------------------------------

    private void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String rawPath = ex.getRequestURI().getRawPath();
        String contentType = ex.getRequestHeaders().getFirst("Content-Type");
        String timeout = ex.getRequestHeaders().getFirst("processing-timeout-ms");
        Reply reply;
        String body = "";
        try {
            body = readBody(ex.getRequestBody());
            synchronized (this) {
                reply = route(method, rawPath, contentType, timeout, body);
            }
        } catch (Answer a) {
            reply = a.reply;
        } catch (RuntimeException e) {
            reply = Reply.json(500, json.createObjectNode().put("message", "fake PocketIC bug: " + e));
        }
        synchronized (this) {
            recorded.add(new Recorded(method, rawPath, contentType, timeout, body, reply.status, reply.body));
        }
        byte[] out = reply.body.getBytes(StandardCharsets.UTF_8);
        if (reply.contentType != null) {
            ex.getResponseHeaders().set("Content-Type", reply.contentType);
        }
        ex.sendResponseHeaders(reply.status, out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
        }
        ex.close();
    }

    private static String readBody(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int n;
        while ((n = in.read(chunk)) >= 0) {
            buf.write(chunk, 0, n);
            if (buf.size() > MAX_BODY) {
                throw new Answer(Reply.json(413, new ObjectMapper().createObjectNode().put("message", "body too large")));
            }
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    private Reply route(String method, String rawPath, String contentType, String timeout, String body) {
        String[] seg = rawPath.substring(1).split("/", -1);
        if (rawPath.equals("/status")) {
            requireMethod(method, "GET");
            return Reply.empty(200);
        }
        if (seg[0].equals("read_graph") || seg[0].equals("prune_graph")) {
            return graph(method, rawPath, seg);
        }
        if (!seg[0].equals("instances")) {
            return Reply.empty(404);
        }
        if (seg.length == 1) {
            if (method.equals("GET")) {
                ArrayNode a = json.createArrayNode();
                instances.forEach(i -> a.add(i.deleted ? "Deleted" : "Available"));
                return Reply.json(200, a);
            }
            requireMethod(method, "POST");
            return createInstance(parse(contentType, body));
        }
        Instance inst = findInstance(seg[1]);
        if (seg.length == 2) {
            requireMethod(method, "DELETE");
            inst.deleted = true;
            return Reply.empty(200);
        }
        if (inst.deleted) {
            throw error(400, "Instance " + inst.id + " was deleted");
        }
        if (seg.length != 4) {
            return Reply.empty(404);
        }
        String op = seg[2] + "/" + seg[3];
        if (!KNOWN_OPS.containsKey(op) || op.equals("update/await_ingress_message") && awaitMissing) {
            return Reply.empty(404); // unknown route: bare 404
        }
        requireMethod(method, KNOWN_OPS.get(op));
        if (timeout == null || !timeout.chars().allMatch(Character::isDigit) || timeout.isEmpty()) {
            throw error(400, "fake: every instance request must carry a numeric processing-timeout-ms header, got "
                    + timeout);
        }
        JsonNode in = method.equals("POST") ? parse(contentType, body) : null;
        if (failNext > 0) {
            failNext--;
            throw error(failStatus, failMessage);
        }
        if (busyNext > 0) {
            busyNext--;
            return Reply.json(409, json.createObjectNode().put("state_label", stateLabel())
                    .put("op_id", "busy with another op " + (++opCounter)));
        }
        Reply result;
        try {
            result = instanceOp(inst, op, in);
        } catch (Answer a) {
            result = a.reply;
        }
        if (startedNext > 0) {
            startedNext--;
            String label = stateLabel();
            String opId = op + "(instance " + inst.id + ", op " + (++opCounter) + ")";
            Graph g = new Graph(result, startedPolls);
            if (pruneBeforeRead) {
                pruneBeforeRead = false;
                g.pruned = true;
            }
            graphs.put(label + "\n" + opId, g);
            return Reply.json(202, json.createObjectNode().put("state_label", label).put("op_id", opId));
        }
        return result;
    }

    private static final Map<String, String> KNOWN_OPS = Map.ofEntries(
            Map.entry("update/submit_ingress_message", "POST"), Map.entry("update/await_ingress_message", "POST"),
            Map.entry("read/ingress_status", "POST"), Map.entry("update/tick", "POST"),
            Map.entry("read/get_time", "GET"), Map.entry("update/set_time", "POST"),
            Map.entry("read/get_cycles", "POST"), Map.entry("update/add_cycles", "POST"),
            Map.entry("read/get_subnet", "POST"), Map.entry("read/get_controllers", "POST"),
            Map.entry("read/topology", "GET"), Map.entry("_/topology", "GET"));

    private String stateLabel() {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) 0xfb); // urlsafe base64 of 0xfb bytes has '-' and '_'; padding adds '='
        b[31] = (byte) opCounter;
        return Base64.getUrlEncoder().encodeToString(b);
    }

    private Reply graph(String method, String rawPath, String[] seg) {
        if (seg.length != 3) {
            throw error(400, "fake: " + seg[0] + " needs exactly two percent-encoded path segments, got " + rawPath);
        }
        String label = percentDecode(seg[1], rawPath);
        String opId = percentDecode(seg[2], rawPath);
        Graph g = graphs.get(label + "\n" + opId);
        if (seg[0].equals("prune_graph")) {
            if (version < 11) {
                return Reply.empty(404); // the route came with v11
            }
            requireMethod(method, "DELETE");
            if (g == null || !g.read) {
                throw error(400, "fake: prune_graph of a result that was never read: " + rawPath);
            }
            g.pruned = true;
            pruned.add(opId);
            return Reply.empty(200);
        }
        requireMethod(method, "GET");
        if (readGraphMissing) {
            return Reply.empty(404);
        }
        // The server's "not found" (not finished yet, unknown, or — from v11 — pruned) is a 404 with a message.
        Reply notFound = Reply.json(404, json.createObjectNode().put("message", "state_label / op_id not found: "
                + seg[1] + " / " + opId));
        if (g == null) {
            return notFound;
        }
        if (g.pruned) {
            return version >= 11 ? notFound : Reply.json(410, json.createObjectNode().put("message", "Pruned"));
        }
        if (g.pollsLeft > 0) {
            g.pollsLeft--;
            return notFound;
        }
        g.read = true;
        return g.result;
    }

    private static String percentDecode(String s, String rawPath) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0
                    && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                out.write(c);
            } else {
                throw error(400, "fake: path segment '" + s + "' of " + rawPath + " has an unencoded '" + c + "'");
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private Instance findInstance(String seg) {
        long id;
        try {
            id = Long.parseLong(seg);
        } catch (NumberFormatException e) {
            throw error(400, "fake: instance id '" + seg + "' is not a number");
        }
        if (id < 0 || id >= instances.size()) {
            throw error(404, "Instance " + id + " not found");
        }
        return instances.get((int) id);
    }

    // ---- instances -------------------------------------------------------------------------------------------

    private Reply createInstance(JsonNode body) {
        Set<String> optional = Set.of("state_dir", "log_level", "bitcoind_addr", "nonmainnet_features", "icp_config",
                "icp_features", "initial_time", "http_gateway_config", "incomplete_state", "mainnet_nns_subnet_id",
                "disable_ingress_validation");
        strictKeys(body, "InstanceConfig", Set.of("subnet_config_set"), optional);
        JsonNode set = body.get("subnet_config_set");
        Set<String> named = Set.of("nns", "sns", "ii", "fiduciary", "bitcoin", "test_threshold_keys");
        strictKeys(set, "ExtendedSubnetConfigSet", Set.of("system", "application", "verified_application",
                "cloud_engine"), named);
        if (version >= 13) { // v13-v15: an optional field is omitted when it has no value, never null
            refuseNulls(body, "InstanceConfig", optional);
            refuseNulls(set, "ExtendedSubnetConfigSet", named);
        }
        for (String list : new String[] {"system", "application", "verified_application", "cloud_engine"}) {
            if (!set.get(list).isArray()) {
                throw unprocessable("subnet_config_set." + list + ": invalid type, expected a sequence");
            }
        }
        for (String n : named) {
            if (set.has(n) && !set.get(n).isNull()) {
                throw new Answer(Reply.json(400, errorCreated("fake: only one application subnet is supported")));
            }
        }
        if (set.get("application").size() != 1 || set.get("system").size() + set.get("verified_application").size()
                + set.get("cloud_engine").size() != 0) {
            throw new Answer(Reply.json(400, errorCreated("fake: exactly one application subnet is supported")));
        }
        JsonNode spec = set.get("application").get(0);
        strictKeys(spec, "SubnetSpec", Set.of("state_config", "instruction_config"),
                Set.of("dts_flag", "cost_schedule", "subnet_admins"));
        if (version >= 13) {
            refuseNulls(spec, "SubnetSpec", Set.of("dts_flag", "cost_schedule", "subnet_admins"));
        }
        if (!"New".equals(spec.get("state_config").asText()) || !spec.get("instruction_config").isTextual()) {
            throw unprocessable("SubnetSpec: state_config must be \"New\" and instruction_config a string");
        }
        long id = instances.size();
        byte[] subnet = new byte[29];
        Arrays.fill(subnet, (byte) (0x40 + id));
        subnet[28] = 2;
        Instance inst = new Instance(id, Principal.of(subnet));
        instances.add(inst);
        ObjectNode created = json.createObjectNode();
        ObjectNode c = created.putObject("Created");
        c.put("instance_id", id);
        c.set("topology", topology(inst));
        c.putNull("http_gateway_info");
        return Reply.json(201, created);
    }

    private static void refuseNulls(JsonNode n, String type, Set<String> optional) {
        for (String k : new TreeSet<>(optional)) {
            if (n.has(k) && n.get(k).isNull()) {
                throw unprocessable(type + "." + k + ": invalid type: null (omit a field that has no value)");
            }
        }
    }

    private ObjectNode errorCreated(String message) {
        ObjectNode n = json.createObjectNode();
        n.putObject("Error").put("message", message);
        return n;
    }

    private ObjectNode topology(Instance inst) {
        ObjectNode t = json.createObjectNode();
        ObjectNode configs = t.putObject("subnet_configs");
        for (Subnet sub : inst.subnets) {
            ObjectNode s = configs.putObject(sub.id.toText());
            s.put("subnet_kind", sub.kind);
            ArrayNode seed = s.putArray("subnet_seed");
            for (int i = 0; i < 32; i++) {
                seed.add(i);
            }
            s.put("instruction_config", "Production");
            ArrayNode ranges = s.putArray("canister_ranges");
            ObjectNode r = ranges.addObject();
            r.putObject("start").put("canister_id", b64(Principal.canisterId(sub.start).toBytes()));
            r.putObject("end").put("canister_id", b64(Principal.canisterId(sub.end).toBytes()));
            s.putArray("node_ids");
        }
        t.putObject("default_effective_canister_id").put("canister_id", b64(Principal.canisterId(RANGE_START).toBytes()));
        return t;
    }

    // ---- instance operations -----------------------------------------------------------------------------

    private Reply instanceOp(Instance inst, String op, JsonNode in) {
        switch (op) {
            case "update/submit_ingress_message":
                return submit(inst, in);
            case "update/await_ingress_message": {
                Message m = findMessage(inst, in);
                // As the server: look, then run a round on every subnet, at most AWAIT_ROUNDS times.
                for (int round = 0; m.result == null && round < AWAIT_ROUNDS; round++) {
                    round(inst);
                }
                if (m.result == null) {
                    throw badIngress("Failed to answer to ingress " + HexFormat.of().formatHex(m.id) + " after "
                            + AWAIT_ROUNDS + " rounds.");
                }
                return Reply.json(200, m.result);
            }
            case "read/ingress_status": {
                strictKeys(in, "RawIngressStatusArgs", Set.of("raw_message_id", "raw_caller"), Set.of());
                Message m = findMessage(inst, in.get("raw_message_id"));
                JsonNode caller = in.get("raw_caller");
                if (!caller.isNull()) {
                    strictKeys(caller, "RawPrincipalId", Set.of("principal_id"), Set.of());
                    if (!Arrays.equals(bytes(caller, "principal_id"), m.sender.toBytes())) {
                        throw error(403, "The user tries to access Request ID not signed by the caller.");
                    }
                }
                return Reply.json(200, m.result == null ? json.nullNode() : m.result);
            }
            case "update/tick": {
                if (!in.isObject()) {
                    throw unprocessable("tick body must be an object");
                }
                strictKeys(in, "RawTickConfigs", Set.of(), Set.of("blockmakers", "first_subnet", "last_subnet"));
                inst.time += 1;
                round(inst);
                return Reply.json(200, json.nullNode());
            }
            case "read/get_time":
                return Reply.json(200, json.createObjectNode().put("nanos_since_epoch", inst.time));
            case "update/set_time": {
                strictKeys(in, "RawTime", Set.of("nanos_since_epoch"), Set.of());
                JsonNode t = in.get("nanos_since_epoch");
                if (!t.isIntegralNumber() || t.bigIntegerValue().signum() < 0) {
                    throw unprocessable("nanos_since_epoch must be a u64");
                }
                if (t.asLong() < inst.time) {
                    throw error(400, "SettingTimeIntoPast((" + t.asLong() + ", " + inst.time + "))");
                }
                inst.time = t.asLong();
                return Reply.json(200, json.nullNode());
            }
            case "read/get_cycles": {
                strictKeys(in, "RawCanisterId", Set.of("canister_id"), Set.of());
                Canister c = existing(inst, principal(in, "canister_id"));
                return Reply.json(200, json.createObjectNode().put("cycles", c.cycles()));
            }
            case "update/add_cycles": {
                strictKeys(in, "RawAddCycles", Set.of("canister_id", "amount"), Set.of());
                Canister c = existing(inst, principal(in, "canister_id"));
                JsonNode a = in.get("amount");
                if (!a.isIntegralNumber() || a.bigIntegerValue().signum() < 0 || a.bigIntegerValue().compareTo(U128_MAX) > 0) {
                    throw unprocessable("amount must be a u128 number");
                }
                BigInteger balance = c.cycles().add(a.bigIntegerValue()).min(U128_MAX);
                inst.canisters.put(c.id(), new Canister(c.id(), c.controllers(), balance));
                return Reply.json(200, json.createObjectNode().put("cycles", balance));
            }
            case "read/get_subnet": {
                strictKeys(in, "RawCanisterId", Set.of("canister_id"), Set.of());
                Principal id = principal(in, "canister_id");
                if (!inst.canisters.containsKey(id)) {
                    return Reply.json(200, json.nullNode());
                }
                return Reply.json(200, json.createObjectNode().put("subnet_id",
                        b64(inst.routeCanister(id).id.toBytes())));
            }
            case "read/get_controllers": {
                strictKeys(in, "RawCanisterId", Set.of("canister_id"), Set.of());
                Canister c = existing(inst, principal(in, "canister_id"));
                ArrayNode a = json.createArrayNode();
                c.controllers().forEach(p -> a.addObject().put("principal_id", b64(p.toBytes())));
                return Reply.json(200, a);
            }
            case "read/topology":
            case "_/topology":
                return Reply.json(200, topology(inst));
            default:
                return Reply.empty(404);
        }
    }

    private Canister existing(Instance inst, Principal id) {
        Canister c = inst.canisters.get(id);
        if (c == null) {
            throw error(400, "CanisterNotFound(" + id + ")");
        }
        return c;
    }

    private Reply submit(Instance inst, JsonNode in) {
        strictKeys(in, "RawCanisterCall", Set.of("sender", "canister_id", "method", "payload", "effective_principal"),
                Set.of());
        Principal sender = principal(in, "sender");
        Principal canister = principal(in, "canister_id");
        if (!in.get("method").isTextual()) {
            throw unprocessable("method must be a string");
        }
        byte[] payload = bytes(in, "payload");
        JsonNode effective = in.get("effective_principal");
        Subnet subnet = route(inst, effectivePrincipal(effective), canister, in.get("method").asText(), payload);
        // The server files the message under the subnet it routed it to, whatever the call named.
        effective = json.createObjectNode().put("SubnetId", b64(subnet.id.toBytes()));
        byte[] id = new byte[32];
        long n = ++messageCounter;
        for (int i = 0; i < 8; i++) {
            id[24 + i] = (byte) (n >>> (56 - 8 * i));
        }
        ObjectNode raw = json.createObjectNode();
        raw.set("effective_principal", effective.deepCopy());
        raw.put("message_id", b64(id));
        Message m = new Message(inst.id, id, raw, sender, canister, in.get("method").asText(), payload, effective,
                subnet, ticksPerMessage);
        inst.messages.add(m);
        ObjectNode ok = json.createObjectNode();
        ok.set("Ok", raw.deepCopy());
        return Reply.json(200, ok);
    }

    private Message findMessage(Instance inst, JsonNode rawId) {
        strictKeys(rawId, "RawMessageId", Set.of("effective_principal", "message_id"), Set.of());
        effectivePrincipal(rawId.get("effective_principal"));
        byte[] id = bytes(rawId, "message_id");
        for (Message m : inst.messages) {
            if (Arrays.equals(m.id, id)) {
                if (!m.rawId.equals(rawId)) {
                    throw error(400, "fake: the RawMessageId was not echoed verbatim: " + rawId + " vs " + m.rawId);
                }
                return m;
            }
        }
        throw error(400, "fake: unknown message id " + rawId);
    }

    /**
     * The server's routing at submission (its {@code route_call}): the subnet of the effective principal, else a
     * 400 {@code BadIngressMessage}. "None" is derived: a provisional create's {@code specified_id}, else the
     * default subnet; another management call's {@code canister_id} argument; another canister's own id. A
     * provisional create whose effective canister id no subnet hosts makes a new subnet for that id's mainnet
     * range (the server's; here a subnet of kind Application, allocating from its range's start).
     */
    private Subnet route(Instance inst, Object[] effective, Principal target, String method, byte[] payload) {
        boolean provisional = target.length() == 0 && method.equals(ManagementCandid.PROVISIONAL_CREATE);
        Principal canisterId;
        if (effective != null && effective[0].equals("SubnetId")) {
            Principal sid = (Principal) effective[1];
            return inst.subnets.stream().filter(x -> x.id.equals(sid)).findFirst()
                    .orElseThrow(() -> badIngress("Subnet with ID " + sid + " not found"));
        } else if (effective != null) {
            canisterId = (Principal) effective[1];
        } else if (target.length() != 0) {
            canisterId = target;
        } else if (provisional) {
            ProvisionalCreateArgs args;
            try {
                args = CandidDecoding.decodeProvisionalCreateArgs(payload);
            } catch (CandidFormatException e) {
                throw badIngress("Error decoding candid: " + e.getMessage());
            }
            if (args.specifiedId().isEmpty()) {
                return inst.subnets.get(0);
            }
            canisterId = args.specifiedId().get();
        } else {
            try {
                canisterId = CandidDecoding.decodeCanisterIdRecord(payload);
            } catch (CandidFormatException e) {
                throw badIngress("Error decoding candid: " + e.getMessage());
            }
        }
        Subnet hosting = inst.routeCanister(canisterId);
        if (hosting != null) {
            return hosting;
        }
        if (provisional && canisterId.length() == 0) {
            return inst.subnets.get(0);
        }
        if (!provisional) {
            throw badIngress("Canister " + canisterId + " does not belong to any subnet.");
        }
        byte[] b = canisterId.toBytes();
        if (b.length != 10 || b[8] != 1 || b[9] != 1) {
            throw badIngress("The effective canister ID " + canisterId + " does not belong to an existing subnet and"
                    + " it is not a mainnet canister ID.");
        }
        long index = java.nio.ByteBuffer.wrap(b, 0, 8).getLong();
        byte[] sid = new byte[29];
        Arrays.fill(sid, (byte) (0x60 + inst.subnets.size()));
        sid[28] = 2;
        Subnet made = new Subnet(Principal.of(sid), index & 0xFFFF_FFFF_FFF0_0000L, index | 0xF_FFFFL, "Application");
        inst.subnets.add(made);
        return made;
    }

    /** The server's 400 for a message it will not take: {@code {"message": "BadIngressMessage(\"...\")"}}. */
    private static Answer badIngress(String why) {
        return error(400, "BadIngressMessage(\"" + why.replace("\\", "\\\\").replace("\"", "\\\"") + "\")");
    }

    /** One round on every subnet: each pending message that has waited its rounds executes. */
    private void round(Instance inst) {
        for (Message m : inst.messages) {
            if (m.result == null && --m.ticksLeft <= 0) {
                execute(inst, m);
            }
        }
    }

    /** Checks the effective principal's shape; returns null for "None". */
    private Object[] effectivePrincipal(JsonNode e) {
        if (e.isTextual()) {
            if (!e.asText().equals("None")) {
                throw unprocessable("effective_principal: unknown unit variant '" + e.asText() + "'; expected \"None\"");
            }
            return null;
        }
        if (!e.isObject() || e.size() != 1) {
            throw unprocessable("effective_principal must be \"None\" or a single-key object, got " + e);
        }
        String kind = e.fieldNames().next();
        if (!kind.equals("CanisterId") && !kind.equals("SubnetId")) {
            throw unprocessable("effective_principal: unknown variant '" + kind + "'");
        }
        return new Object[] {kind, principal(e, kind)};
    }

    private void execute(Instance inst, Message m) {
        if (m.result != null) {
            return;
        }
        inst.time += 1; // one round
        m.result = runManagement(inst, m);
    }

    private JsonNode runManagement(Instance inst, Message m) {
        if (m.canister.length() != 0) {
            return reject(new Reject(3, 301, "Canister " + m.canister + " not found"));
        }
        if (!m.method.equals(ManagementCandid.PROVISIONAL_CREATE)) {
            return reject(new Reject(4, 407, "fake management canister: unsupported method " + m.method));
        }
        if (!rejects.isEmpty()) {
            return reject(rejects.poll());
        }
        ProvisionalCreateArgs args;
        try {
            args = CandidDecoding.decodeProvisionalCreateArgs(m.payload);
        } catch (CandidFormatException e) {
            return reject(new Reject(4, 408, "Error decoding candid: " + e.getMessage()));
        }
        List<Principal> controllers = args.controllers().orElse(List.of(m.sender));
        if (controllers.size() > 10 || new TreeSet<>(controllers).size() != controllers.size()) {
            return reject(new Reject(4, 408, "controllers must be at most 10 distinct principals"));
        }
        Principal id;
        Subnet subnet = m.subnet;
        if (args.specifiedId().isPresent()) {
            id = args.specifiedId().get();
            if (!subnet.hosts(id) || inst.canisters.containsKey(id)) {
                return reject(new Reject(2, 205, "Canister " + id + " is already in use or not in the range"));
            }
        } else {
            do {
                if (Long.compareUnsigned(subnet.nextIndex, subnet.end) > 0) {
                    return reject(new Reject(1, 102, "the subnet's canister range is exhausted"));
                }
                id = Principal.canisterId(subnet.nextIndex++);
            } while (inst.canisters.containsKey(id));
        }
        inst.canisters.put(id, new Canister(id, List.copyOf(controllers),
                args.amount().orElse(DEFAULT_PROVISIONAL_CYCLES).min(U128_MAX)));
        inst.allocated.add(id);
        byte[] reply = ManagementCandid.encodeCanisterIdRecord(id);
        ObjectNode ok = json.createObjectNode();
        if (rejectEncoding == RejectEncoding.PRE_V8) {
            ok.putObject("Ok").put("Reply", b64(reply));
        } else {
            ok.put("Ok", b64(reply));
        }
        return ok;
    }

    private JsonNode reject(Reject r) {
        ObjectNode out = json.createObjectNode();
        switch (rejectEncoding) {
            case NUMERIC: {
                ObjectNode e = out.putObject("Err");
                e.put("reject_code", r.rejectCode());
                e.put("reject_message", r.message());
                e.put("error_code", r.errorCode());
                e.put("certified", true);
                break;
            }
            case STRINGS: {
                ObjectNode e = out.putObject("Err");
                e.put("reject_code", REJECT_NAMES[r.rejectCode()]);
                e.put("reject_message", r.message());
                e.put("error_code", ERROR_NAMES.getOrDefault(r.errorCode(), "Unknown"));
                e.put("certified", true);
                break;
            }
            default: {
                ObjectNode e = out.putObject("Err");
                e.put("code", ERROR_NAMES.getOrDefault(r.errorCode(), "Unknown"));
                e.put("description", r.message());
            }
        }
        return out;
    }

    // ---- strict JSON helpers -------------------------------------------------------------------------------

    private JsonNode parse(String contentType, String body) {
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new Answer(new Reply(415, "text/plain",
                    "Expected request with `Content-Type: application/json`, got " + contentType));
        }
        try {
            JsonNode n = json.readTree(body);
            if (n == null || n.isMissingNode()) {
                throw new Answer(new Reply(400, "text/plain", "Failed to parse the request body as JSON: empty"));
            }
            return n;
        } catch (IOException e) {
            throw new Answer(new Reply(400, "text/plain", "Failed to parse the request body as JSON: " + e.getMessage()));
        }
    }

    /** Exactly the required keys, plus any of the optional ones; anything else is a client bug. */
    private static void strictKeys(JsonNode n, String type, Set<String> required, Set<String> optional) {
        if (n == null || !n.isObject()) {
            throw unprocessable(type + ": expected an object, got " + n);
        }
        for (String k : new TreeSet<>(required)) {
            if (!n.has(k)) {
                throw unprocessable(type + ": missing field `" + k + "`");
            }
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!required.contains(k) && !optional.contains(k)) {
                throw unprocessable(type + ": unexpected field `" + k + "` (the fake is strict)");
            }
        }
    }

    private static byte[] bytes(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw unprocessable(field + ": expected a base64 string, got " + v);
        }
        byte[] b;
        try {
            b = Base64.getDecoder().decode(v.asText());
        } catch (IllegalArgumentException e) {
            throw unprocessable(field + ": invalid base64 '" + v.asText() + "'");
        }
        if (!Base64.getEncoder().encodeToString(b).equals(v.asText())) {
            throw unprocessable(field + ": base64 must be standard and padded, got '" + v.asText() + "'");
        }
        return b;
    }

    private static Principal principal(JsonNode n, String field) {
        byte[] b = bytes(n, field);
        if (b.length > Principal.MAX_LENGTH) {
            throw unprocessable(field + ": a principal has at most 29 bytes");
        }
        return Principal.of(b);
    }

    private static void requireMethod(String method, String expected) {
        if (!method.equals(expected)) {
            throw new Answer(Reply.empty(405));
        }
    }

    private static Answer unprocessable(String why) {
        return new Answer(new Reply(422, "text/plain", "Failed to deserialize the JSON body into the target type: "
                + why));
    }

    private static Answer error(int status, String message) {
        return new Answer(Reply.json(status, new ObjectMapper().createObjectNode().put("message", message)));
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
