package org.caniclab.sim.substrate.pocketic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.caniclab.sim.substrate.SubstrateUnavailableException;

/**
 * A PocketIC server process started from a local binary, for opt-in tests and the {@code pocketic} backend:
 * it records the binary's {@code --version}, starts it with a fresh {@code --port-file} and {@code --ttl},
 * waits until the port file holds a complete line (a port followed by {@code \n}) and {@code GET /status}
 * answers 200, and stops the process and every process it started on {@link #close()}.
 *
 * <p>The binary must be named {@code pocket-ic} or {@code pocket-ic-server} — under any other name the server
 * panics at start. Any problem starting it throws {@link SubstrateUnavailableException} naming the path and,
 * when the process ran, where its output was written.
 *
 * <pre>{@code
 * Optional<Path> bin = PocketIcServer.binaryFromEnvironment();        // POCKET_IC_BIN
 * try (PocketIcServer server = PocketIcServer.start(bin.orElseThrow());
 *      PocketIcClient client = PocketIcClient.connect(server.url())) {
 *     System.out.println("running " + server.version() + " at " + server.url());
 * }
 * }</pre>
 */
public final class PocketIcServer implements AutoCloseable {
    /** The environment variable the client libraries use for the binary's path. */
    public static final String ENV_BINARY = "POCKET_IC_BIN";
    private static final List<String> ACCEPTED_NAMES = List.of("pocket-ic", "pocket-ic-server");
    private static final Duration POLL = Duration.ofMillis(20);

    /**
     * How long to wait and how long the server lives when idle.
     *
     * <pre>{@code
     * PocketIcServer.start(bin, new PocketIcServer.Options(Duration.ofSeconds(30), 120, Duration.ofSeconds(10)));
     * }</pre>
     *
     * @param readyTimeout   how long to wait for the port file and {@code /status} (pic-js waits 90 s)
     * @param ttlSeconds     {@code --ttl}: the server exits after this many idle seconds
     * @param versionTimeout how long {@code --version} may take
     */
    public record Options(Duration readyTimeout, int ttlSeconds, Duration versionTimeout) {
        public Options {
            Objects.requireNonNull(readyTimeout, "readyTimeout");
            Objects.requireNonNull(versionTimeout, "versionTimeout");
            if (ttlSeconds < 1) {
                throw new IllegalArgumentException("ttlSeconds must be >= 1, was " + ttlSeconds);
            }
        }

        /** Ready within 90 s, {@code --ttl 60}, version within 30 s. */
        public static Options defaults() {
            return new Options(Duration.ofSeconds(90), 60, Duration.ofSeconds(30));
        }
    }

    private final Process process;
    private final Path directory;
    private final Path logFile;
    private final String version;
    private final int port;
    private final Thread shutdownHook;

    private PocketIcServer(Process process, Path directory, Path logFile, String version, int port) {
        this.process = process;
        this.directory = directory;
        this.logFile = logFile;
        this.version = version;
        this.port = port;
        this.shutdownHook = new Thread(() -> killTree(process), "pocket-ic-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The path in {@value #ENV_BINARY}, if set and non-blank. */
    public static Optional<Path> binaryFromEnvironment() {
        return binaryFromEnvironment(System::getenv);
    }

    /** The path in {@value #ENV_BINARY} as {@code env} reports it (a seam for tests), if set and non-blank. */
    public static Optional<Path> binaryFromEnvironment(Function<String, String> env) {
        String v = env.apply(ENV_BINARY);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(Path.of(v.strip()));
    }

    /** Starts the binary with default options. */
    public static PocketIcServer start(Path binary) {
        return start(binary, Options.defaults());
    }

    /** Starts the binary and waits until it serves {@code /status}. */
    public static PocketIcServer start(Path binary, Options options) {
        Path bin = checkBinary(binary);
        String version = version(bin, options.versionTimeout());
        Path dir;
        try {
            dir = Files.createTempDirectory("caniclab-pocketic-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the PocketIC port file", e);
        }
        Path portFile = dir.resolve("pocket-ic.port"); // fresh: the server exits silently if the file exists
        Path log = dir.resolve("pocket-ic.log");
        Process p;
        try {
            p = new ProcessBuilder(bin.toString(), "--port-file", portFile.toString(), "--ttl",
                    Integer.toString(options.ttlSeconds()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            deleteTree(dir);
            throw new SubstrateUnavailableException("cannot start PocketIC server " + bin + ": " + e.getMessage(), e);
        }
        try {
            int port = awaitPort(p, bin, portFile, log, options.readyTimeout());
            PocketIcServer server = new PocketIcServer(p, dir, log, version, port);
            try {
                awaitStatus(server, options.readyTimeout());
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        } catch (RuntimeException e) {
            killTree(p);
            deleteTree(dir); // the message already quotes the server's output
            throw e;
        }
    }

    /** The server's base URL, {@code http://127.0.0.1:<port>}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** What {@code --version} printed, e.g. {@code pocket-ic-server 15.0.0}. */
    public String version() {
        return version;
    }

    /** Where the server's stdout and stderr go (in a temporary directory deleted on close). */
    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the server (it deletes its instances and port file) and removes the temporary directory. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down; the hook does the work
        }
        stopProcess();
        deleteTree(directory);
    }

    /**
     * Stops the server and every process it started: the tree is listed first, since a child whose parent has died
     * is re-parented and no longer shows as a descendant. SIGTERM to all, then SIGKILL to what is left after 5 s.
     */
    private void stopProcess() {
        stopTree(process, Duration.ofSeconds(5));
    }

    private static void stopTree(Process process, Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        process.destroy();
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                tree.addAll(process.descendants().toList()); // started while we waited
                process.destroyForcibly();
            }
            for (ProcessHandle p : tree) {
                long left = Math.max(1, deadline - System.nanoTime());
                try {
                    p.onExit().get(left, TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                    p.destroyForcibly();
                }
            }
            process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            tree.forEach(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        }
    }

    /** For the shutdown hook: no waiting, everything gets SIGKILL. */
    private static void killTree(Process process) {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    private static Path checkBinary(Path binary) {
        Objects.requireNonNull(binary, "binary");
        String name = binary.getFileName() == null ? "" : binary.getFileName().toString();
        if (!ACCEPTED_NAMES.contains(name)) {
            throw new SubstrateUnavailableException("PocketIC binary " + binary + " must be named pocket-ic or"
                    + " pocket-ic-server (the server panics under any other name); rename or link it");
        }
        if (!Files.isRegularFile(binary)) {
            throw new SubstrateUnavailableException("PocketIC binary " + binary + " does not exist or is not a file");
        }
        if (!Files.isExecutable(binary)) {
            throw new SubstrateUnavailableException("PocketIC binary " + binary + " is not executable (chmod +x it)");
        }
        return binary.toAbsolutePath();
    }

    private static String version(Path bin, Duration timeout) {
        Path out = null;
        try {
            out = Files.createTempFile("caniclab-pocketic-version-", ".txt");
            Process p = new ProcessBuilder(bin.toString(), "--version").redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new SubstrateUnavailableException("PocketIC binary " + bin + " did not answer --version within "
                        + timeout.toSeconds() + " s");
            }
            String text = Files.readString(out, StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                throw new SubstrateUnavailableException("PocketIC binary " + bin + " --version exited with code "
                        + p.exitValue() + ": " + text);
            }
            return text.lines().findFirst().orElse("").strip();
        } catch (IOException e) {
            throw new SubstrateUnavailableException("cannot run PocketIC binary " + bin + " --version: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SubstrateUnavailableException("interrupted while running " + bin + " --version", e);
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    private static int awaitPort(Process p, Path bin, Path portFile, Path log, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (Files.isRegularFile(portFile)) {
                String text;
                try {
                    text = Files.readString(portFile, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    text = ""; // being written; try again
                }
                int nl = text.indexOf('\n');
                if (nl >= 0) {
                    String line = text.substring(0, nl).strip();
                    try {
                        int port = Integer.parseInt(line);
                        if (port > 0 && port < 65536) {
                            return port;
                        }
                    } catch (NumberFormatException e) {
                        // fall through to the error below
                    }
                    throw new SubstrateUnavailableException("PocketIC server " + bin + " wrote '" + line
                            + "' to its port file " + portFile + "; expected a port number");
                }
            }
            if (!p.isAlive()) {
                throw new SubstrateUnavailableException("PocketIC server " + bin + " exited with code " + p.exitValue()
                        + " before writing its port file; output: " + tail(log));
            }
            if (System.nanoTime() > deadline) {
                throw new SubstrateUnavailableException("PocketIC server " + bin + " wrote no port to " + portFile
                        + " within " + timeout.toSeconds() + " s; output: " + tail(log));
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SubstrateUnavailableException("interrupted while waiting for PocketIC server " + bin, e);
            }
        }
    }

    private static void awaitStatus(PocketIcServer server, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        PocketIcClient client = PocketIcClient.connect(server.url(), PocketIcClient.Options.defaults()
                .withConnectTimeout(Duration.ofSeconds(2)).withRequestTimeout(Duration.ofSeconds(5)));
        while (true) {
            try {
                client.status();
                return;
            } catch (RuntimeException e) {
                if (!server.isAlive() || System.nanoTime() > deadline) {
                    throw new SubstrateUnavailableException("PocketIC server at " + server.url() + " did not answer"
                            + " GET /status with 200: " + e.getMessage() + "; output: " + tail(server.logFile), e);
                }
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SubstrateUnavailableException("interrupted while waiting for " + server.url(), e);
            }
        }
    }

    private static String tail(Path log) {
        try {
            String s = Files.readString(log, StandardCharsets.UTF_8).strip();
            if (s.isEmpty()) {
                return "(none)";
            }
            return s.length() > 2000 ? "…" + s.substring(s.length() - 2000) : s;
        } catch (IOException e) {
            return "(unreadable: " + log + ")";
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public String toString() {
        return "PocketIcServer[" + version + " at " + url() + "]";
    }
}
