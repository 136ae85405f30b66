package org.caniclab.sim.substrate.pocketic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.caniclab.core.ic.Principal;
import org.junit.jupiter.api.AfterEach;

/** The workflow suite on the strict fake: the registry must hold exactly the ids the fake allocated. */
class FakePocketIcWorkflowTest extends ScalingWorkflowContract {
    private final FakePocketIc fake = FakePocketIc.start();
    private final PocketIcInstance instance =
            PocketIcClient.connect(fake.url(), PocketIcClientTest.FAST).createInstance();

    @Override
    protected PocketIcInstance instance() {
        return instance;
    }

    @Override
    protected void assertAllocatedExactly(List<Principal> workers) {
        assertEquals(fake.allocated(instance.id()), workers);
        for (Principal w : workers) {
            assertEquals(CYCLES, fake.canister(instance.id(), w).cycles(), "the configured amount was sent");
        }
    }

    @AfterEach
    void stopFake() {
        instance.close();
        fake.close();
    }
}
