package org.caniclab.sim.model;

/**
 * The {@code [ic]} section: how the simulated Internet Computer executes and what creating a canister costs.
 *
 * @param roundNanos length of one execution round (one block); messages execute at round boundaries
 * @param callLatencyRounds rounds for an inter-canister call between the hub and root to be delivered
 *     (same subnet: 1)
 * @param createLatency root's time to create and install a child once the request is delivered
 *     (module resolution, management create, install, topology and state cascades)
 * @param creationFeeCycles the IC's canister creation fee, deducted from the attached cycles
 * @param rootCycles root's cycles balance at start; each creation pays the role's initial cycles from it
 * @param subnetCanisterLimit canisters the subnet accepts in all (the hub, root and workers count)
 */
public record IcModel(
        long roundNanos,
        int callLatencyRounds,
        Distribution createLatency,
        long creationFeeCycles,
        long rootCycles,
        int subnetCanisterLimit) {}
