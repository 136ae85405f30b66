package org.caniclab.sim.load;

import java.util.SplittableRandom;
import org.caniclab.core.ic.Principal;
import org.caniclab.sim.engine.Engine;
import org.caniclab.sim.model.Distribution;
import org.caniclab.sim.model.RouterKind;
import org.caniclab.sim.model.ServiceModel;

/** Small builders for load-package tests. */
final class LoadTestSupport {
    static final long S = 1_000_000_000L;
    static final long MS = 1_000_000L;

    private LoadTestSupport() {}

    /** A pool whose workers take a fixed time per request; counts every arrival. */
    static Pool countingPool(Engine engine, String name) {
        return new Pool(name, new ServiceModel.Continuous(new Distribution.Fixed(1), ServiceModel.UNBOUNDED), RouterKind.ROUND_ROBIN,
                engine, 100 * MS, 0, new SplittableRandom(1), new SplittableRandom(2));
    }

    static Pool pool(Engine engine, ServiceModel model, RouterKind router, int workers) {
        Pool p = new Pool("p", model, router, engine, 100 * MS, 0, new SplittableRandom(3), new SplittableRandom(4));
        for (int i = 0; i < workers; i++) {
            p.addWorker(Principal.canisterId(2 + i));
        }
        return p;
    }
}
