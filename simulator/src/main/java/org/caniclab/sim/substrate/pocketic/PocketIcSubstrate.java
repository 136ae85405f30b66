package org.caniclab.sim.substrate.pocketic;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.caniclab.core.ic.Principal;
import org.caniclab.reports.RunResult;
import org.caniclab.sim.ProgressListener;
import org.caniclab.sim.model.Scenario;
import org.caniclab.sim.substrate.NetworkSubstrate;
import org.caniclab.sim.substrate.OrchestrationReplay;
import org.caniclab.sim.substrate.SubstrateUnavailableException;

/**
 * {@code --backend pocketic}: a scenario's orchestration replayed on a PocketIC server (see
 * {@link OrchestrationReplay}), on a fresh instance deleted at the end. The server is either one already running
 * ({@link #atUrl}) or one this substrate starts from a binary and stops when the run ends ({@link #launching}); root's
 * ingress is sent as {@code canisterId(0)}, the hub is {@code canisterId(1)}, as in the simulator.
 *
 * <pre>{@code
 * Substrate pocketic = PocketIcSubstrate.atUrl(URI.create("http://127.0.0.1:8080"));
 * RunResult r = pocketic.run(scenario, ProgressListener.NONE);   // backend "pocketic"
 * }</pre>
 */
public final class PocketIcSubstrate extends NetworkSubstrate {
    /** The backend name written to {@code summary.json}. */
    public static final String BACKEND = "pocketic";

    static final Principal ROOT = Principal.canisterId(0);

    private final Supplier<Server> server;
    private final Duration callTimeout;

    private PocketIcSubstrate(Supplier<Server> server, Duration callTimeout) {
        this.server = server;
        this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
    }

    /** A substrate on the running server at {@code url}. */
    public static PocketIcSubstrate atUrl(URI url) {
        return atUrl(url, OrchestrationReplay.DEFAULT_CALL_TIMEOUT);
    }

    /** A substrate on the running server at {@code url}, with a bound on each orchestration call. */
    public static PocketIcSubstrate atUrl(URI url, Duration callTimeout) {
        Objects.requireNonNull(url, "url");
        return new PocketIcSubstrate(() -> new Server(PocketIcClient.connect(url), null, "--pocketic-url"),
                callTimeout);
    }

    /**
     * A substrate that starts a server from {@code binary} for each run and stops it (its whole process tree) at the
     * end; {@code diagnostics} is told which server started (null: nothing is printed).
     */
    public static PocketIcSubstrate launching(Path binary, PrintWriter diagnostics) {
        Objects.requireNonNull(binary, "binary");
        return new PocketIcSubstrate(() -> {
            PocketIcServer s = PocketIcServer.start(binary);
            if (diagnostics != null) {
                diagnostics.println("pocketic: started " + s.version() + " at " + s.url() + " (from "
                        + PocketIcServer.ENV_BINARY + "=" + binary + ")");
                diagnostics.flush();
            }
            return new Server(PocketIcClient.connect(s.url()), s, PocketIcServer.ENV_BINARY);
        }, OrchestrationReplay.DEFAULT_CALL_TIMEOUT);
    }

    @Override
    protected RunResult replay(Scenario scenario, BooleanSupplier stopRequested) {
        Objects.requireNonNull(scenario, "scenario");
        Server s;
        try {
            s = server.get();
        } catch (SubstrateUnavailableException e) {
            throw new SubstrateUnavailableException(PocketIcServer.ENV_BINARY + ": " + e.getMessage(), e);
        }
        try {
            return replay(scenario, s.client, stopRequested);
        } catch (SubstrateUnavailableException e) {
            throw new SubstrateUnavailableException(s.option + ": " + e.getMessage(), e);
        } finally {
            if (s.process != null) {
                s.process.close();
            }
        }
    }

    /** Replays on a fresh instance of {@code client}'s server, deleted at the end. */
    RunResult replay(Scenario scenario, PocketIcClient client) {
        return replay(scenario, client, () -> false);
    }

    /** As {@link #replay(Scenario, PocketIcClient)}, giving up once {@code stopRequested} says so. */
    RunResult replay(Scenario scenario, PocketIcClient client, BooleanSupplier stopRequested) {
        OrchestrationReplay.requireReplayable(scenario, BACKEND); // before any instance is made
        PocketIcInstance instance = setUp(client, "create an instance", () -> {
            client.status();
            return client.createInstance();
        });
        RuntimeException failure = null;
        try (PocketIcRemote root = setUp(client, "read the instance time",
                () -> PocketIcRemote.builder(instance).sender(ROOT).build())) {
            return OrchestrationReplay.run(scenario, root, BACKEND, callTimeout, stopRequested);
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            try {
                instance.close();
            } catch (RuntimeException e) {
                // The result does not depend on the instance any more; a server that went away takes it along.
                if (failure != null) {
                    failure.addSuppressed(e);
                }
            }
        }
    }

    /** Set-up steps: a server that answers but cannot do them is as unusable as one that does not answer. */
    private static <T> T setUp(PocketIcClient client, String what, Supplier<T> step) {
        try {
            return step.get();
        } catch (PocketIcException e) {
            throw new SubstrateUnavailableException("PocketIC server at " + client.serverUrl() + " cannot " + what
                    + ": " + e.getMessage(), e);
        }
    }

    /** The server a run talks to; {@code process} is set when this substrate started it. */
    private record Server(PocketIcClient client, PocketIcServer process, String option) {}
}
