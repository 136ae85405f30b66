package org.caniclab.sim.load;

import java.util.SplittableRandom;
import org.caniclab.core.ic.Principal;
import org.caniclab.sim.engine.Engine;
import org.caniclab.sim.model.ServiceModel;

/**
 * How a pool's workers serve requests: one implementation per {@link ServiceModel}. A discipline queues,
 * starts, completes and rejects requests, keeping the pool's {@link Statistics} gauges; the pool does the
 * bookkeeping common to all (arrival counts, the no-worker rejection, registration).
 */
sealed interface ServiceDiscipline permits PerRoundService, SingleServerService, SharedQueueService {

    /**
     * The discipline of {@code model} for pool {@code pool}.
     *
     * @throws IllegalArgumentException when the model's values cannot be served (message names the pool)
     */
    static ServiceDiscipline of(String pool, ServiceModel model, Engine engine, long roundNanos, WorkerSet workers,
            Statistics stats, SplittableRandom serviceRng) {
        if (model instanceof ServiceModel.PerRound p) {
            return new PerRoundService(pool, p, engine, roundNanos, workers, stats);
        }
        if (model instanceof ServiceModel.Continuous c) {
            return new SingleServerService(c, workers, stats, serviceRng);
        }
        if (model instanceof ServiceModel.SharedQueue s) {
            return new SharedQueueService(s, engine, workers, stats, serviceRng);
        }
        throw new IllegalArgumentException("pool '" + pool + "': unsupported service model " + model);
    }

    /**
     * The service time of a request arriving now, drawn before anything else is decided (so the i-th
     * request of a pool gets the same one whatever happens to it); 0 without a draw when service takes
     * no virtual time.
     */
    long drawService();

    /** Serves, queues or rejects a request arriving now; at least one worker is registered. */
    void arrive(long now, long service, boolean measured);

    /** A new worker of this discipline. */
    Worker newWorker(int index, Principal pid);

    /** {@code w} has just been registered (and counted in the gauges). */
    void workerAdded(Worker w);

    /** {@code w}'s event: the end of its service, or its round. */
    void fire(Worker w);

    /**
     * Brings the statistics up to {@code now} before they are read: what happened at or before {@code now}
     * and was not yet accounted (single servers settle their completions lazily) is accounted now. Nothing
     * for disciplines whose every change runs as an engine event.
     */
    default void settle(long now) {}

    /** Completions settled by {@link #settle} and the request path instead of as engine events, so far. */
    default long settledEvents() {
        return 0;
    }

    /** The mean time one request occupies a worker. */
    double meanServiceNanos();
}
