package org.caniclab.sim.load;

/** The worker with the fewest requests (waiting plus in service); ties go to the lowest index. */
final class ShortestQueueRouter implements Router {
    @Override
    public Worker pick(Worker[] workers, int n) {
        Worker best = workers[0];
        int bestLoad = best.load();
        for (int i = 1; i < n && bestLoad > 0; i++) {
            int l = workers[i].load();
            if (l < bestLoad) {
                best = workers[i];
                bestLoad = l;
            }
        }
        return best;
    }

    @Override
    public boolean readsLoad() {
        return true;
    }
}
