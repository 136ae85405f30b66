package org.caniclab.sim.load;

import java.util.Arrays;

/** A pool's registered workers in registration order, with the router that picks among them. */
final class WorkerSet {
    private final Router router;
    private Worker[] workers = new Worker[8];
    private int size;
    private int peak;

    WorkerSet(Router router) {
        this.router = router;
    }

    int size() {
        return size;
    }

    int peak() {
        return peak;
    }

    Worker get(int i) {
        return workers[i];
    }

    void add(Worker w) {
        if (size == workers.length) {
            workers = Arrays.copyOf(workers, size * 2);
        }
        workers[size++] = w;
        peak = Math.max(peak, size);
    }

    /** Whether the router reads the workers' loads ({@link Worker#load()}) to pick one ({@link Router#readsLoad}). */
    boolean routesByLoad() {
        return router.readsLoad();
    }

    /** The worker a new request goes to; at least one must be registered. */
    Worker route() {
        return router.pick(workers, size);
    }
}
