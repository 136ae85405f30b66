package org.caniclab.sim.substrate.pocketic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.caniclab.core.ic.Principal;
import org.caniclab.sim.substrate.SubstrateUnavailableException;
import org.caniclab.sim.substrate.management.ManagementCandid;

/**
 * A small client for the REST API of a PocketIC server (versions 9 to 15): server health, instance
 * lifecycle, and — through {@link PocketIcInstance} — ingress messages, time, cycles and subnets.
 *
 * <p>Every request follows PocketIC's protocol: JSON bodies with {@code Content-Type: application/json},
 * the {@code processing-timeout-ms} header, a 202 answer polled through {@code GET /read_graph/{state_label}/{op_id}}
 * (both segments percent-encoded) and then pruned with {@code DELETE /prune_graph/...}, a 409 "busy" answer
 * retried after a growing back-off (bounded), and {@code {"message": ...}} error bodies turned into a
 * {@link PocketIcException} naming the endpoint and status. A server that cannot be reached throws
 * {@link SubstrateUnavailableException}. All waits are bounded by {@link Options}.
 *
 * <pre>{@code
 * try (PocketIcClient pic = PocketIcClient.connect(URI.create("http://127.0.0.1:" + port));
 *      PocketIcInstance ic = pic.createInstance()) {
 *     byte[] arg = ManagementCandid.encodeProvisionalCreateArgs(
 *             ProvisionalCreateArgs.of(new BigInteger("2000000000000"), List.of(me)));
 *     byte[] reply = ic.updateCall(CanisterCall.management(me, ManagementCandid.PROVISIONAL_CREATE, arg,
 *             EffectivePrincipal.none()));
 *     Principal created = ManagementCandid.decodeCanisterIdRecord(reply);
 * }
 * }</pre>
 *
 * <p>Thread-safe: requests may be issued from several threads; PocketIC itself serialises operations on one
 * instance (the 409 answers).
 */
public final class PocketIcClient implements AutoCloseable {
    /**
     * Timeouts and bounds of a client.
     *
     * <pre>{@code
     * Options fast = Options.defaults().withOperationTimeout(Duration.ofSeconds(5));
     * }</pre>
     *
     * @param connectTimeout    how long to wait for a TCP connection
     * @param requestTimeout    how long one HTTP exchange may take (longer than {@code processingTimeout})
     * @param processingTimeout the {@code processing-timeout-ms} header: how long the server holds a request
     *                          before it answers 202
     * @param operationTimeout  how long one operation may take overall, 409 retries and 202 polling included
     * @param pollInterval      the pause between {@code read_graph} polls, and the first 409 back-off (which then
     *                          doubles up to 250 ms)
     * @param maxBusyRetries    how many 409 answers to retry before failing
     * @param fallbackRounds    how many {@code tick} + {@code ingress_status} rounds to wait for a message when
     *                          the server lacks {@code await_ingress_message} (v9.0.3–v9.x)
     */
    public record Options(Duration connectTimeout, Duration requestTimeout, Duration processingTimeout,
            Duration operationTimeout, Duration pollInterval, int maxBusyRetries, int fallbackRounds) {
        public Options {
            requirePositive(connectTimeout, "connectTimeout");
            requirePositive(requestTimeout, "requestTimeout");
            requirePositive(processingTimeout, "processingTimeout");
            requirePositive(operationTimeout, "operationTimeout");
            requirePositive(pollInterval, "pollInterval");
            if (maxBusyRetries < 0 || fallbackRounds < 1) {
                throw new IllegalArgumentException("maxBusyRetries must be >= 0 and fallbackRounds >= 1");
            }
        }

        /** Connect 5 s, request 60 s, processing 30 s, operation 120 s, poll 10 ms, 200 busy retries, 100 rounds. */
        public static Options defaults() {
            return new Options(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(30),
                    Duration.ofSeconds(120), Duration.ofMillis(10), 200, 100);
        }

        public Options withConnectTimeout(Duration d) {
            return new Options(d, requestTimeout, processingTimeout, operationTimeout, pollInterval, maxBusyRetries,
                    fallbackRounds);
        }

        public Options withRequestTimeout(Duration d) {
            return new Options(connectTimeout, d, processingTimeout, operationTimeout, pollInterval, maxBusyRetries,
                    fallbackRounds);
        }

        public Options withProcessingTimeout(Duration d) {
            return new Options(connectTimeout, requestTimeout, d, operationTimeout, pollInterval, maxBusyRetries,
                    fallbackRounds);
        }

        public Options withOperationTimeout(Duration d) {
            return new Options(connectTimeout, requestTimeout, processingTimeout, d, pollInterval, maxBusyRetries,
                    fallbackRounds);
        }

        public Options withPollInterval(Duration d) {
            return new Options(connectTimeout, requestTimeout, processingTimeout, operationTimeout, d, maxBusyRetries,
                    fallbackRounds);
        }

        public Options withMaxBusyRetries(int n) {
            return new Options(connectTimeout, requestTimeout, processingTimeout, operationTimeout, pollInterval, n,
                    fallbackRounds);
        }

        public Options withFallbackRounds(int n) {
            return new Options(connectTimeout, requestTimeout, processingTimeout, operationTimeout, pollInterval,
                    maxBusyRetries, n);
        }

        private static void requirePositive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + d);
            }
        }
    }

    private static final int MAX_ERROR_TEXT = 500;
    private static final Duration MAX_BACKOFF = Duration.ofMillis(250);

    private final String base;
    private final Options options;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    private PocketIcClient(URI serverUrl, Options options) {
        String s = serverUrl.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        this.base = s;
        this.options = Objects.requireNonNull(options, "options");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A client for the server at {@code serverUrl} (e.g. {@code http://127.0.0.1:8080}) with default options. */
    public static PocketIcClient connect(URI serverUrl) {
        return connect(serverUrl, Options.defaults());
    }

    /** A client with the given options; no request is made until the first call. */
    public static PocketIcClient connect(URI serverUrl, Options options) {
        String scheme = Objects.requireNonNull(serverUrl, "serverUrl").getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("PocketIC server URL '" + serverUrl + "' must be http:// or https://");
        }
        return new PocketIcClient(serverUrl, options);
    }

    /** The server's base URL, without a trailing slash. */
    public String serverUrl() {
        return base;
    }

    public Options options() {
        return options;
    }

    /** {@code GET /status}: returns when the server answers 200. */
    public void status() {
        String endpoint = "GET /status";
        Response r = send("GET", "/status", null, endpoint);
        if (r.status != 200) {
            throw error(endpoint, r);
        }
    }

    /**
     * {@code POST /instances} with the {@code InstanceConfig} every server from v9 to v15 accepts (every list
     * field present, {@code cloud_engine} and {@code verified_application} included; optional fields without a
     * value omitted, not {@code null}) and one application subnet.
     */
    public PocketIcInstance createInstance() {
        String endpoint = "POST /instances";
        JsonNode created = call("POST", "/instances", instanceConfig(), endpoint);
        JsonNode c = created.get("Created");
        if (c == null || !c.isObject()) {
            JsonNode err = created.path("Error").path("message");
            if (err.isTextual()) {
                throw new PocketIcException(endpoint, 201, "PocketIC " + endpoint + " failed: " + err.asText());
            }
            throw malformed(endpoint, "expected {\"Created\": {...}}", created);
        }
        JsonNode id = c.get("instance_id");
        if (id == null || !id.canConvertToLong()) {
            throw malformed(endpoint, "Created has no numeric instance_id", created);
        }
        Topology topology = parseTopology(endpoint, c.get("topology"));
        return new PocketIcInstance(this, id.asLong(), topology);
    }

    /** {@code GET /instances}: the status of every instance id the server knows ({@code "Available"}, {@code "Deleted"}). */
    public List<String> instances() {
        String endpoint = "GET /instances";
        JsonNode n = call("GET", "/instances", null, endpoint);
        if (!n.isArray()) {
            throw malformed(endpoint, "expected an array", n);
        }
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.isTextual() ? x.asText() : x.toString()));
        return out;
    }

    /** {@code DELETE /instances/{id}}. */
    public void deleteInstance(long instanceId) {
        String path = "/instances/" + instanceId;
        call("DELETE", path, null, "DELETE " + path);
    }

    /** Nothing to release: the JDK client frees its threads when unreachable. Present for try-with-resources. */
    @Override
    public void close() {}

    // ---------------------------------------------------------------------------------------------------------
    // The protocol, shared with PocketIcInstance.

    /** The JSON serialiser, shared so that request shapes are built one way. */
    ObjectMapper json() {
        return json;
    }

    /**
     * One operation: sends, retries on 409, polls on 202, and returns the 200/201 JSON body (a JSON null for an
     * empty body); error statuses throw {@link PocketIcException}.
     */
    JsonNode call(String method, String path, JsonNode body, String endpoint) {
        long deadline = System.nanoTime() + options.operationTimeout().toNanos();
        int busy = 0;
        while (true) {
            Response r = send(method, path, body, endpoint);
            switch (r.status) {
                case 200:
                case 201:
                    return parse(endpoint, r);
                case 202:
                    return awaitGraph(endpoint, r, deadline);
                case 409: {
                    busy++;
                    if (busy > options.maxBusyRetries() || System.nanoTime() > deadline) {
                        throw new PocketIcException(endpoint, 409, "PocketIC " + endpoint + " failed: the instance "
                                + "stayed busy with another operation (" + describeOp(r) + ") through " + busy
                                + " attempts within " + options.operationTimeout().toMillis() + " ms");
                    }
                    sleep(backoff(options.pollInterval(), busy), endpoint);
                    continue;
                }
                default:
                    throw error(endpoint, r);
            }
        }
    }

    private JsonNode awaitGraph(String endpoint, Response started, long deadline) {
        JsonNode s = parse(endpoint, started);
        JsonNode label = s.get("state_label");
        JsonNode op = s.get("op_id");
        if (label == null || !label.isTextual() || op == null || !op.isTextual()) {
            throw malformed(endpoint, "a 202 answer must carry state_label and op_id strings", s);
        }
        String suffix = "/" + encodeSegment(label.asText()) + "/" + encodeSegment(op.asText());
        String graph = "/read_graph" + suffix;
        String graphEndpoint = "GET " + graph;
        int unexpected = 0;
        while (true) {
            sleep(options.pollInterval(), endpoint);
            Response g = send("GET", graph, null, graphEndpoint);
            if (g.status == 404 && g.body.isBlank()) {
                // The server's own "not found" carries a JSON message; a bare 404 is the framework's: no such route.
                throw new PocketIcException(endpoint, 404, "PocketIC " + endpoint + " failed: it answered 202 for "
                        + op.asText() + " but " + graphEndpoint + " is a bare 404 (no read_graph route on this server)");
            }
            if (g.status == 404) { // {"message": "state_label / op_id not found ..."}: not done yet, or pruned (v11+)
                if (System.nanoTime() > deadline) {
                    throw new PocketIcException(endpoint, 202, "PocketIC " + endpoint + " failed: the operation "
                            + op.asText() + " did not finish within " + options.operationTimeout().toMillis()
                            + " ms (" + graphEndpoint + " kept answering 404 not found: still running, or its result"
                            + " was pruned, which servers from v11 on answer with 404 rather than 410)");
                }
                continue;
            }
            if (g.status == 410) { // servers before v11: {"message": "Pruned"}
                throw new PocketIcException(endpoint, 410, "PocketIC " + endpoint + " failed: the result of "
                        + op.asText() + " was pruned before it was read (" + graphEndpoint + " answered 410)");
            }
            if ((g.status == 202 || g.status == 409) && ++unexpected <= 100 && System.nanoTime() <= deadline) {
                continue; // the server's own client tolerates these while polling
            }
            prune(suffix);
            if (g.status == 200 || g.status == 201) {
                return parse(graphEndpoint, g);
            }
            throw error(endpoint + " (via " + graphEndpoint + ")", g);
        }
    }

    /** Best effort: v11+ frees the stored result; older servers lack the route, which is fine. */
    private void prune(String suffix) {
        String path = "/prune_graph" + suffix;
        try {
            send("DELETE", path, null, "DELETE " + path);
        } catch (RuntimeException ignored) {
            // the result was read; a failed clean-up changes nothing for the caller
        }
    }

    /** The pause before retry {@code attempt} (1-based): the poll interval, doubling, at most 250 ms. */
    private static Duration backoff(Duration base, int attempt) {
        Duration d = base.multipliedBy(1L << Math.min(attempt - 1, 16));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    private String describeOp(Response r) {
        try {
            JsonNode n = json.readTree(r.body);
            return "state_label " + n.path("state_label").asText("?") + ", op_id " + n.path("op_id").asText("?");
        } catch (IOException | RuntimeException e) {
            return "no details";
        }
    }

    /** A raw HTTP response. */
    static final class Response {
        final int status;
        final String body;

        Response(int status, String body) {
            this.status = status;
            this.body = body;
        }
    }

    Response send(String method, String path, JsonNode body, String endpoint) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(options.requestTimeout())
                .header("processing-timeout-ms", Long.toString(options.processingTimeout().toMillis()));
        if (body != null) {
            String text;
            try {
                text = json.writeValueAsString(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot serialise a request body", e);
            }
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.body() == null ? "" : r.body());
        } catch (HttpConnectTimeoutException e) {
            throw unreachable(endpoint, "no connection within " + options.connectTimeout().toMillis() + " ms", e);
        } catch (HttpTimeoutException e) {
            throw new PocketIcException(endpoint, PocketIcException.NO_STATUS, "PocketIC " + endpoint + " at " + base
                    + " got no response within " + options.requestTimeout().toMillis() + " ms", false, e);
        } catch (IOException e) {
            if (isConnectFailure(e)) {
                throw unreachable(endpoint, describe(e), e);
            }
            throw new PocketIcException(endpoint, PocketIcException.NO_STATUS, "PocketIC " + endpoint + " at " + base
                    + " failed in transport: " + describe(e), false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PocketIcException(endpoint, PocketIcException.NO_STATUS, "PocketIC " + endpoint
                    + " was interrupted", false, e);
        }
    }

    private SubstrateUnavailableException unreachable(String endpoint, String why, Throwable cause) {
        return new SubstrateUnavailableException("PocketIC server at " + base + " is unreachable (" + endpoint + "): "
                + why + "; is the server running? Start it with POCKET_IC_BIN or point the client at its URL", cause);
    }

    private static boolean isConnectFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof java.nio.channels.UnresolvedAddressException
                    || t instanceof java.net.UnknownHostException || t instanceof java.net.NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getMessage() == null) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return m == null ? root.getClass().getSimpleName() : root.getClass().getSimpleName() + ": " + m;
    }

    private JsonNode parse(String endpoint, Response r) {
        if (r.body.isBlank()) {
            return NullNode.getInstance();
        }
        try {
            return json.readTree(r.body);
        } catch (IOException e) {
            throw new PocketIcException(endpoint, r.status, "PocketIC " + endpoint + " answered HTTP " + r.status
                    + " with a body that is not JSON: " + snippet(r.body), false, e);
        }
    }

    PocketIcException error(String endpoint, Response r) {
        if (r.body.isBlank()) {
            if (r.status == 404) {
                return new PocketIcException(endpoint, 404, "PocketIC " + endpoint + " failed: HTTP 404 with an empty"
                        + " body: this server has no such route (a feature missing in this PocketIC version)", true,
                        null);
            }
            return new PocketIcException(endpoint, r.status, "PocketIC " + endpoint + " failed: HTTP " + r.status
                    + " with an empty body");
        }
        String message = null;
        try {
            JsonNode n = json.readTree(r.body);
            if (n.path("message").isTextual()) {
                message = n.get("message").asText();
            } else if (n.path("Error").path("message").isTextual()) {
                message = n.get("Error").get("message").asText();
            }
        } catch (IOException | RuntimeException e) {
            // not JSON (e.g. a framework's plain-text rejection): quote it as is
        }
        return new PocketIcException(endpoint, r.status, "PocketIC " + endpoint + " failed: HTTP " + r.status + ": "
                + (message != null ? message : snippet(r.body)), false, null, message);
    }

    static PocketIcException malformed(String endpoint, String what, JsonNode got) {
        return new PocketIcException(endpoint, 200, "PocketIC " + endpoint + " answered an unexpected shape: " + what
                + "; got " + snippet(String.valueOf(got)));
    }

    private static String snippet(String s) {
        String t = s.strip();
        return t.length() <= MAX_ERROR_TEXT ? t : t.substring(0, MAX_ERROR_TEXT) + "…";
    }

    private static void sleep(Duration d, String endpoint) {
        try {
            Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PocketIcException(endpoint, PocketIcException.NO_STATUS, "PocketIC " + endpoint
                    + " was interrupted", false, e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Shapes.

    /**
     * Every list field (a missing {@code Vec} is refused; {@code cloud_engine} is required from v13), the v9
     * {@code nonmainnet_features} flag (later servers ignore it), and no optional field without a value: a
     * missing optional field is "none" on every version, while v13–v15 refuse an explicit {@code null} for some.
     */
    private ObjectNode instanceConfig() {
        ObjectNode body = json.createObjectNode();
        ObjectNode set = body.putObject("subnet_config_set");
        set.putArray("system");
        set.putArray("application").add(subnetSpec());
        set.putArray("verified_application");
        set.putArray("cloud_engine");
        body.put("nonmainnet_features", false);
        return body;
    }

    private ObjectNode subnetSpec() {
        ObjectNode s = json.createObjectNode();
        s.put("state_config", "New");
        s.put("instruction_config", "Production");
        s.put("dts_flag", "Enabled"); // known to older servers; newer ones ignore unknown fields (pic-js still sends it)
        s.put("cost_schedule", "Normal");
        return s;
    }

    /** Reads a topology leniently: subnet kinds as strings, ranges and the default effective id as b64 or bytes. */
    static Topology parseTopology(String endpoint, JsonNode t) {
        if (t == null || !t.isObject()) {
            throw malformed(endpoint, "expected a topology object", t);
        }
        List<Topology.Subnet> subnets = new ArrayList<>();
        JsonNode configs = t.path("subnet_configs");
        if (configs.isObject()) {
            for (Map.Entry<String, JsonNode> e : configs.properties()) {
                subnets.add(subnet(endpoint, e.getKey(), e.getValue()));
            }
        } else if (configs.isArray()) {
            for (JsonNode s : configs) {
                subnets.add(subnet(endpoint, s.path("subnet_id").asText(""), s));
            }
        }
        JsonNode dec = t.get("default_effective_canister_id");
        Principal defaultId;
        if (dec != null && !dec.isNull()) {
            defaultId = principal(endpoint, dec.has("canister_id") ? dec.get("canister_id") : dec,
                    "default_effective_canister_id");
        } else {
            defaultId = subnets.stream()
                    .filter(s -> s.kind().equalsIgnoreCase("Application") && !s.canisterRanges().isEmpty())
                    .map(s -> s.canisterRanges().get(0).start())
                    .findFirst()
                    .orElseThrow(() -> malformed(endpoint, "the topology has neither default_effective_canister_id"
                            + " nor an application subnet with a canister range", t));
        }
        return new Topology(defaultId, subnets);
    }

    private static Topology.Subnet subnet(String endpoint, String id, JsonNode s) {
        List<Topology.CanisterRange> ranges = new ArrayList<>();
        for (JsonNode r : s.path("canister_ranges")) {
            JsonNode start = r.path("start");
            JsonNode end = r.path("end");
            ranges.add(new Topology.CanisterRange(
                    principal(endpoint, start.has("canister_id") ? start.get("canister_id") : start, "range start"),
                    principal(endpoint, end.has("canister_id") ? end.get("canister_id") : end, "range end")));
        }
        JsonNode kind = s.path("subnet_kind");
        return new Topology.Subnet(id, kind.isTextual() ? kind.asText() : kind.toString(), ranges);
    }

    /** A principal from b64 text or an array of byte numbers. */
    static Principal principal(String endpoint, JsonNode n, String what) {
        try {
            if (n != null && n.isTextual()) {
                return Principal.of(Base64.getDecoder().decode(n.asText()));
            }
            if (n != null && n.isArray()) {
                byte[] b = new byte[n.size()];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) n.get(i).asInt();
                }
                return Principal.of(b);
            }
        } catch (IllegalArgumentException e) {
            throw malformed(endpoint, what + " is not a principal (" + e.getMessage() + ")", n);
        }
        throw malformed(endpoint, what + " must be a base64 string", n);
    }

    static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Percent-encodes one path segment: everything but RFC 3986 unreserved characters becomes {@code %XX}. */
    static String encodeSegment(String segment) {
        StringBuilder b = new StringBuilder(segment.length() + 16);
        for (byte x : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return b.toString();
    }
}
