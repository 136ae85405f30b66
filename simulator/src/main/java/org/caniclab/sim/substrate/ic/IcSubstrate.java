package org.caniclab.sim.substrate.ic;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.SortedMap;
import java.util.TreeMap;
import org.caniclab.reports.RunResult;
import org.caniclab.sim.ProgressListener;
import org.caniclab.sim.model.Scenario;
import org.caniclab.sim.substrate.NetworkSubstrate;
import org.caniclab.sim.substrate.OrchestrationReplay;
import org.caniclab.sim.substrate.SubstrateUnavailableException;

/**
 * {@code --backend ic}: a scenario's orchestration replayed (see {@link OrchestrationReplay}) on a local replica
 * ({@code --ic-url}) or on mainnet ({@code --mainnet}), through ic4j-agent 0.7.2, signed as an {@link IcIdentity}.
 *
 * <p>Mainnet spends real cycles, so before anything is sent {@link #confirm} prints the {@link MainnetPlan} (creates,
 * cycles each, total, the paying principal) and refuses unless the user confirmed with {@code --yes-spend-cycles};
 * the session then refuses any create beyond the plan.
 *
 * <pre>{@code
 * IcSubstrate ic = IcSubstrate.local(IcEndpoint.local(URI.create("http://127.0.0.1:4943"), Optional.empty()), id);
 * ic.confirm(scenario, out);                     // nothing to confirm for a local endpoint
 * RunResult r = ic.run(scenario, ProgressListener.NONE);   // backend "ic"
 * }</pre>
 */
public final class IcSubstrate extends NetworkSubstrate {
    /** The backend name written to {@code summary.json}. */
    public static final String BACKEND = "ic";

    private final IcEndpoint endpoint;
    private final IcIdentity identity;
    private final boolean spendConfirmed;
    private final AgentTimeouts timeouts;
    private final Duration callTimeout;

    private IcSubstrate(IcEndpoint endpoint, IcIdentity identity, boolean spendConfirmed, AgentTimeouts timeouts,
            Duration callTimeout) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.spendConfirmed = spendConfirmed;
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
        this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
    }

    /** A local endpoint ({@link IcEndpoint.Mode#LOCAL}). */
    public static IcSubstrate local(IcEndpoint endpoint, IcIdentity identity) {
        if (endpoint.mode() != IcEndpoint.Mode.LOCAL) {
            throw new IllegalArgumentException("not a local endpoint: " + endpoint);
        }
        return new IcSubstrate(endpoint, identity, false, AgentTimeouts.DEFAULT,
                OrchestrationReplay.DEFAULT_CALL_TIMEOUT);
    }

    /**
     * Mainnet; {@code spendConfirmed} is the user's {@code --yes-spend-cycles}.
     *
     * @throws IcUsageException for the anonymous identity, which has no cycles to pay with
     */
    public static IcSubstrate mainnet(IcEndpoint endpoint, IcIdentity identity, boolean spendConfirmed) {
        if (endpoint.mode() != IcEndpoint.Mode.MAINNET) {
            throw new IllegalArgumentException("not a mainnet endpoint: " + endpoint);
        }
        if (identity.keyType() == IcIdentity.KeyType.ANONYMOUS) {
            throw new IcUsageException("--mainnet pays from the identity's cycles-ledger account; pass --identity PEM "
                    + "of a funded identity instead of --anonymous");
        }
        return new IcSubstrate(endpoint, identity, spendConfirmed, AgentTimeouts.DEFAULT,
                OrchestrationReplay.DEFAULT_CALL_TIMEOUT);
    }

    /** The same substrate with other bounds (tests). */
    IcSubstrate withTimeouts(AgentTimeouts agent, Duration call) {
        return new IcSubstrate(endpoint, identity, spendConfirmed, agent, call);
    }

    /** The plan a mainnet run of {@code scenario} would follow; empty for a local endpoint. */
    public Optional<MainnetPlan> plan(Scenario scenario) {
        if (endpoint.mode() != IcEndpoint.Mode.MAINNET) {
            return Optional.empty();
        }
        return Optional.of(MainnetPlan.of(scenario, OrchestrationReplay.cyclesPerCanister(scenario),
                identity.principal()));
    }

    /**
     * Before a run: for mainnet, prints the plan to {@code out} and refuses unless spending was confirmed. Sends
     * nothing.
     *
     * @throws IcUsageException when a mainnet run was not confirmed with {@code --yes-spend-cycles}
     */
    public void confirm(Scenario scenario, PrintWriter out) {
        Optional<MainnetPlan> plan = plan(scenario);
        if (plan.isEmpty()) {
            return;
        }
        out.print(plan.get().render());
        out.flush();
        if (!spendConfirmed) {
            throw new IcUsageException("--mainnet spends real cycles: nothing was sent; rerun with --yes-spend-cycles "
                    + "to accept the plan above");
        }
    }

    @Override
    public SortedMap<String, String> runInfo() {
        SortedMap<String, String> info = new TreeMap<>();
        info.put("agent", "ic4j-agent " + Ic4jAgent.AGENT_VERSION);
        info.put("endpoint", endpoint.url().toString());
        info.put("mode", endpoint.mode() == IcEndpoint.Mode.LOCAL ? "local" : "mainnet");
        info.put("sender", identity.principal().toText());
        return info;
    }

    @Override
    protected RunResult replay(Scenario scenario, BooleanSupplier stopRequested) {
        Objects.requireNonNull(scenario, "scenario");
        OrchestrationReplay.requireReplayable(scenario, BACKEND);
        Optional<MainnetPlan> plan = plan(scenario);
        if (plan.isPresent() && !spendConfirmed) {
            throw new IcUsageException("--mainnet spends real cycles: nothing was sent; rerun with --yes-spend-cycles");
        }
        String option = endpoint.mode() == IcEndpoint.Mode.LOCAL ? "--ic-url" : "--mainnet";
        try (IcRemote remote = IcRemote.open(endpoint, identity, timeouts, plan)) {
            return OrchestrationReplay.run(scenario, remote, BACKEND, callTimeout, stopRequested);
        } catch (SubstrateUnavailableException e) {
            throw new SubstrateUnavailableException(option + ": " + e.getMessage(), e);
        }
    }
}
