package org.caniclab.sim.load;

import java.util.SplittableRandom;

/** A uniformly drawn worker: one draw from the pool's router stream per request. */
final class RandomRouter implements Router {
    private final SplittableRandom rng;

    RandomRouter(SplittableRandom rng) {
        this.rng = rng;
    }

    @Override
    public Worker pick(Worker[] workers, int n) {
        return workers[rng.nextInt(n)];
    }
}
