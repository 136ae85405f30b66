package org.caniclab.sim.load;

/** Cycles over the workers in registration order; a new worker joins the cycle after the current last. */
final class RoundRobinRouter implements Router {
    private int next;

    @Override
    public Worker pick(Worker[] workers, int n) {
        int i = next >= n ? 0 : next;
        next = i + 1;
        return workers[i];
    }
}
