package org.caniclab.sim.substrate;

import java.util.List;

/** The orchestration contract on the embedded simulator; root fails when it cannot pay for the canister. */
class SimOrchestrationTest extends OrchestrationContract {
    @Override
    protected List<String> backendArgs() {
        return List.of("--backend", "sim");
    }

    @Override
    protected List<String> failNextCreate() {
        return List.of("--set", "ic.root_cycles=0"); // every create fails: the contract's failing case makes one
    }
}
