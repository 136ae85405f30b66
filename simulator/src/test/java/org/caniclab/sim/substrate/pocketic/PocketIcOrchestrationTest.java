package org.caniclab.sim.substrate.pocketic;

import java.util.List;
import org.caniclab.sim.substrate.OrchestrationContract;
import org.junit.jupiter.api.AfterEach;

/** The orchestration contract on PocketIC, against the strict loopback fake. */
class PocketIcOrchestrationTest extends OrchestrationContract {
    private final LoopbackPocketIc server = LoopbackPocketIc.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Override
    protected List<String> backendArgs() {
        return List.of("--backend", "pocketic", "--pocketic-url", server.url());
    }

    @Override
    protected List<String> failNextCreate() {
        server.rejectNextCreate(4, 403, "Canister creation failed: insufficient cycles");
        return List.of();
    }
}
