package org.caniclab.core.workflow;

import static org.caniclab.core.workflow.Hub.success;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.caniclab.core.config.ScalePool;
import org.caniclab.core.config.ScalePoolPolicy;
import org.caniclab.core.config.ScalingConfig;
import org.caniclab.core.config.ScalingConfigValidator;
import org.caniclab.core.ic.CanisterRole;
import org.caniclab.core.ic.Principal;
import org.caniclab.core.registry.WorkerEntry;
import org.junit.jupiter.api.Test;

/** What Canic 0.33.3 accepts, the core accepts: empty names, and u32 policy values above 2³¹−1. */
class NamesAndWidthsTest {

    @Test
    void anEmptyPoolNameAndAnEmptyRoleAreValidAndScale() {
        CanisterRole empty = new CanisterRole("");
        ScalingConfig cfg = ScalingConfig.builder().pool("", new ScalePool(empty, ScalePoolPolicy.DEFAULT)).build();
        assertEquals(List.of(), ScalingConfigValidator.validate(cfg));
        Hub hub = Hub.of(cfg); // validated by the builder
        CompletionStage<Principal> call = hub.wf.createWorker("");
        assertEquals(empty, hub.ic.pending().get(0).role());
        Principal pid = hub.completeOldest();
        assertEquals(pid, success(call));
        assertEquals(new WorkerEntry("", empty, 0), hub.wf.registry().get(pid));
    }

    @Test
    void theBootstrapCreatesTowardsAnInitialCountAboveTwoToTheThirtyOne() {
        // initial_workers = 2^31 (max 0: valid): a signed reading would see a negative target, already met
        Hub hub = Hub.of(Hub.pool("p", Integer.MIN_VALUE, 1, 0));
        hub.wf.bootstrapConfiguredInitialWorkers();
        for (int i = 0; i < 3; i++) {
            hub.completeOldest();
        }
        assertEquals(4, hub.ic.createsRequested());
        assertEquals(3, hub.wf.registry().countByPool("p"));
        assertEquals(List.of("bootstrap_config/started/ok", "bootstrap_pool/started/ok", "create_worker/started/ok"),
                hub.rows.subList(0, 3));
    }

    @Test
    void createWorkerTopsUpToAMinAboveTwoToTheThirtyOne() {
        Hub hub = Hub.of(Hub.pool("p", 0, -1, -1)); // min = max = 2^32 - 1
        hub.preRegister("p", 2);
        hub.wf.createWorker("p");
        assertEquals(List.of("plan_create/started/ok", "plan_create/completed/below_min_workers",
                "create_worker/started/ok"), hub.rows);
    }
}
