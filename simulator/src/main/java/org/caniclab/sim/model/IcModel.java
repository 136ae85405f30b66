package org.caniclab.sim.model;

import java.util.Objects;

/**
 * The {@code [ic]} section: how the simulated Internet Computer executes and what creating a canister costs.
 *
 * <pre>{@code
 * IcModel ic = IcDefaults.model();
 * }</pre>
 *
 * @param roundNanos length of one execution round (one block), > 0; messages execute at round boundaries
 * @param callLatencyRounds rounds for an inter-canister call between the hub and root to be delivered
 *     (same subnet: 1), from 0 to {@link #MAX_CALL_LATENCY_ROUNDS}
 * @param createLatency root's time to create and install a child once the request is delivered
 *     (module resolution, management create, install, topology and state cascades)
 * @param creationFeeCycles the IC's canister creation fee, deducted from the attached cycles; >= 0
 * @param rootCycles root's cycles balance at start, >= 0; each creation pays the role's initial cycles from it
 * @param subnetCanisterLimit canisters the subnet accepts in all (the hub, root and workers count), >= 1
 */
public record IcModel(
        long roundNanos,
        int callLatencyRounds,
        Distribution createLatency,
        long creationFeeCycles,
        long rootCycles,
        int subnetCanisterLimit) {
    /** The largest {@code callLatencyRounds} accepted. */
    public static final int MAX_CALL_LATENCY_ROUNDS = 1_000;

    public IcModel {
        Check.positive(roundNanos, "IcModel.roundNanos");
        Check.that(callLatencyRounds >= 0 && callLatencyRounds <= MAX_CALL_LATENCY_ROUNDS,
                "IcModel.callLatencyRounds", callLatencyRounds, "from 0 to " + MAX_CALL_LATENCY_ROUNDS);
        Objects.requireNonNull(createLatency, "createLatency");
        Check.nonNegative(creationFeeCycles, "IcModel.creationFeeCycles");
        Check.nonNegative(rootCycles, "IcModel.rootCycles");
        Check.that(subnetCanisterLimit >= 1, "IcModel.subnetCanisterLimit", subnetCanisterLimit, ">= 1");
    }
}
