package org.caniclab.sim.substrate.ic;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.ic4j.agent.ReplicaResponse;
import org.ic4j.agent.ReplicaTransport;
import org.ic4j.agent.requestid.RequestId;
import org.ic4j.types.Principal;

/**
 * ic4j's {@link ReplicaTransport} on {@link HttpClient}: unlike the transports ic4j ships, it completes exceptionally
 * with an {@link AgentException} on any non-2xx status (a 4xx on {@code /call} means the IC did not accept the
 * message), on a refused connection and on a timeout. It keeps the base URL's path, so an endpoint mounted below a
 * prefix (a PocketIC instance's {@code /instances/0}) works.
 *
 * <pre>{@code
 * ReplicaTransport t = new JdkHttpTransport(URI.create("http://127.0.0.1:4943"), 2_000, 10_000);
 * }</pre>
 */
final class JdkHttpTransport implements ReplicaTransport {
    private static final String CBOR = "application/cbor";
    private static final int BODY_IN_MESSAGE = 200;

    private final URI base;
    private final String endpoint;
    private final HttpClient http;
    private final Duration requestTimeout;
    private volatile boolean closed;

    /**
     * @param base the endpoint, e.g. {@code http://127.0.0.1:4943}; a path is kept as a prefix
     * @param connectTimeoutMillis bound on opening a connection
     * @param requestTimeoutMillis bound on one request, from sending to the whole answer
     */
    JdkHttpTransport(URI base, long connectTimeoutMillis, long requestTimeoutMillis) {
        String text = Objects.requireNonNull(base, "base").toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.endpoint = this.base.toString();
        this.requestTimeout = Duration.ofMillis(requestTimeoutMillis);
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(connectTimeoutMillis))
                .followRedirects(HttpClient.Redirect.NEVER) // a redirect would re-send a signed message elsewhere
                .build();
    }

    @Override
    public CompletableFuture<ReplicaResponse> status() {
        return send("GET", "/api/v2/status", null);
    }

    @Override
    public CompletableFuture<ReplicaResponse> query(Principal canisterId, byte[] envelope, Map<String, String> headers) {
        return send("POST", "/api/v2/canister/" + canisterId + "/query", envelope);
    }

    @Override
    public CompletableFuture<ReplicaResponse> call(Principal canisterId, byte[] envelope, RequestId requestId,
            Map<String, String> headers) {
        return send("POST", "/api/v2/canister/" + canisterId + "/call", envelope);
    }

    @Override
    public CompletableFuture<ReplicaResponse> readState(Principal canisterId, byte[] envelope,
            Map<String, String> headers) {
        return send("POST", "/api/v2/canister/" + canisterId + "/read_state", envelope);
    }

    @Override
    public void close() {
        closed = true; // HttpClient has no close() before Java 21; its threads are daemons and idle out
    }

    private CompletableFuture<ReplicaResponse> send(String method, String path, byte[] body) {
        if (closed) {
            return CompletableFuture.failedFuture(new AgentException(AgentException.Kind.UNREACHABLE,
                    "the connection to " + endpoint + " is closed"));
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint + path)).timeout(requestTimeout);
        if (body == null) {
            b.GET();
        } else {
            b.header("Content-Type", CBOR).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        }
        return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, error) -> {
                    if (error != null) {
                        throw new CompletionException(failure(method, path, error));
                    }
                    int status = response.statusCode();
                    if (status < 200 || status > 299) {
                        throw new CompletionException(new AgentException(AgentException.Kind.HTTP_STATUS, status,
                                method + " " + endpoint + path + " answered HTTP " + status + snippet(response.body())));
                    }
                    ReplicaResponse r = new ReplicaResponse();
                    r.payload = response.body();
                    Map<String, String> headers = new TreeMap<>();
                    response.headers().map().forEach((k, v) -> headers.put(k, String.join(",", v)));
                    r.headers = headers;
                    return r;
                });
    }

    private AgentException failure(String method, String path, Throwable error) {
        Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String what = method + " " + endpoint + path;
        if (t instanceof HttpConnectTimeoutException) {
            return new AgentException(AgentException.Kind.UNREACHABLE, what + ": no connection within "
                    + http.connectTimeout().map(Duration::toMillis).orElse(0L) + " ms");
        }
        if (t instanceof HttpTimeoutException) {
            return new AgentException(AgentException.Kind.TIMEOUT, what + ": no answer within "
                    + requestTimeout.toMillis() + " ms");
        }
        if (t instanceof ConnectException || t instanceof UnresolvedAddressException
                || t.getCause() instanceof UnresolvedAddressException) {
            return new AgentException(AgentException.Kind.UNREACHABLE, what + ": connection failed ("
                    + t.getClass().getSimpleName() + ")");
        }
        if (t instanceof IOException) {
            return new AgentException(AgentException.Kind.UNREACHABLE, what + ": " + t.getClass().getSimpleName()
                    + (t.getMessage() == null ? "" : " " + t.getMessage()));
        }
        return new AgentException(AgentException.Kind.PROTOCOL, what + ": " + t);
    }

    /** The start of an error body, on one line, for the message (replicas explain 4xx in plain text). */
    private static String snippet(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, 0, Math.min(body.length, BODY_IN_MESSAGE * 4), StandardCharsets.UTF_8)
                .replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        if (text.isEmpty()) {
            return "";
        }
        return ": " + (text.length() > BODY_IN_MESSAGE ? text.substring(0, BODY_IN_MESSAGE) + "..." : text);
    }

    @Override
    public String toString() {
        return "JdkHttpTransport[" + endpoint + "]";
    }

    URI base() {
        return base;
    }
}
