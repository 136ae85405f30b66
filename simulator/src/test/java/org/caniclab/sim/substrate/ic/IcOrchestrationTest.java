package org.caniclab.sim.substrate.ic;

import java.util.List;
import org.caniclab.sim.substrate.OrchestrationContract;
import org.junit.jupiter.api.AfterEach;

/** The orchestration contract on a replica through ic4j-agent, against the BLS-certifying loopback replica. */
class IcOrchestrationTest extends OrchestrationContract {
    private final LoopbackReplica replica = LoopbackReplica.start();

    @AfterEach
    void stop() {
        replica.close();
    }

    @Override
    protected List<String> backendArgs() {
        return List.of("--backend", "ic", "--ic-url", replica.url(), "--anonymous");
    }

    @Override
    protected List<String> failNextCreate() {
        replica.rejectCreates(4, "IC0403", "Canister creation failed: insufficient cycles");
        return List.of();
    }
}
