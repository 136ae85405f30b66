package org.caniclab.sim.load;

import java.util.Objects;
import java.util.SplittableRandom;
import org.caniclab.core.ic.Principal;
import org.caniclab.sim.engine.Sampler;
import org.caniclab.sim.model.Distribution;
import org.caniclab.sim.model.ServiceModel;

/**
 * Continuous service, each worker one server with its own FIFO queue (M/G/1 per worker behind the
 * router). {@code queueCapacity} counts waiting requests ({@link ServiceModel#UNBOUNDED}: no limit; 0: none);
 * the bound counts waiting requests, not the one in service.
 *
 * <p>Completions are not engine events. A FIFO single server's schedule is fixed the moment a request
 * joins it: it starts when the request before it departs, or at once when the server is idle, and departs
 * its service time later (Lindley's recursion). So each worker keeps the requests at it, the one in service
 * first, with their departure times, and <em>settles</em> them, in its own time order, whenever its state is
 * next needed: before a request is routed to it (at that arrival's instant), and before the pool's
 * statistics are read ({@link #settle}). Settling a departure records what its completion event recorded
 * (the latency, and the next request's wait as it starts), with the same values; the busy and waiting time
 * integrals become exact integer sums of whole services and waits plus the parts in progress at a read,
 * equal to the gauges' integrals (both are sums of whole nanoseconds, exact below 2<sup>53</sup>). This
 * takes one event, a heap insertion and three gauge accruals off every request.
 *
 * <p>Order at one instant: everything that departs at or before an instant is settled before an arrival
 * or a read at that instant looks at the worker (departures first). As engine events, departures and
 * other events of one nanosecond ran in the order they were scheduled instead; the two orders differ
 * only in what an arrival or another event's read sees at the very nanosecond of a departure (a full
 * queue, one request more at a shortest-queue router, a queue depth), never in the reads between
 * instants that the timeline and the summaries make, and in none of the golden reports (every shipped
 * scenario, seeds 1 to 3).
 */
final class SingleServerService implements ServiceDiscipline {
    /** Settled sums are moved into the double integrals past this, far before a long could overflow. */
    private static final long SPILL_AT = 1L << 61;

    private final WorkerSet workers;
    private final Statistics stats;
    private final Distribution serviceTime;
    private final SplittableRandom rng;
    /** The mean of an exponential service time, resolved once; 0 for any other distribution. */
    private final long exponentialMean;
    private final int queueCapacity;
    /** Whether routing reads the workers' loads, which must then be settled at every arrival first. */
    private final boolean routesByLoad;
    private long departures;

    SingleServerService(ServiceModel.Continuous model, WorkerSet workers, Statistics stats, SplittableRandom rng) {
        this.workers = workers;
        this.stats = stats;
        this.serviceTime = Objects.requireNonNull(model.serviceTime(), "service_time");
        this.rng = rng;
        this.exponentialMean = serviceTime instanceof Distribution.Exponential e ? e.meanNanosValue() : 0;
        this.queueCapacity = model.queueCapacity();
        this.routesByLoad = workers.routesByLoad();
    }

    @Override
    public long drawService() {
        long mean = exponentialMean;
        return mean > 0 ? Sampler.exponentialNanos(mean, rng) : Sampler.sample(serviceTime, rng);
    }

    @Override
    public void arrive(long now, long service, boolean measured) {
        if (routesByLoad) {
            settleAll(now);
        }
        Worker w = workers.route();
        RequestQueue q = w.queue;
        if (!q.isEmpty() && q.headValue() <= now) {
            settleWorker(w, q, now);
        }
        int atWorker = q.size();
        if (atWorker == 0) {
            long departure = now + service;
            w.headStart = now;
            w.lastDeparture = departure;
            q.add(now, departure);
            stats.waited(now, now);
        } else if (atWorker - 1 >= queueCapacity) {
            stats.reject(measured);
        } else {
            long departure = w.lastDeparture + service;
            w.lastDeparture = departure;
            q.add(now, departure);
            w.waitingArrivals += now;
        }
    }

    /**
     * Settles {@code w}'s departures at or before {@code now}, in order; its head departs by then. Each is
     * what the completion event did: the latency of the departing request, then the start of the next one
     * at the same instant with its wait.
     */
    private void settleWorker(Worker w, RequestQueue q, long now) {
        Statistics s = stats;
        long n = 0;
        do {
            long arrival = q.headArrival();
            long departure = q.headValue();
            q.removeHead();
            n++;
            s.completed(arrival, departure);
            s.settledBusy += departure - w.headStart;
            if (q.isEmpty()) {
                break;
            }
            long next = q.headArrival();
            w.headStart = departure;
            w.waitingArrivals -= next;
            s.settledWaiting += departure - next;
            s.waited(next, departure);
        } while (q.headValue() <= now);
        departures += n;
        if (s.settledBusy > SPILL_AT || s.settledWaiting > SPILL_AT) {
            s.spillSettled();
        }
    }

    /** Settles every worker up to {@code now}. */
    private void settleAll(long now) {
        int n = workers.size();
        for (int i = 0; i < n; i++) {
            Worker w = workers.get(i);
            RequestQueue q = w.queue;
            if (!q.isEmpty() && q.headValue() <= now) {
                settleWorker(w, q, now);
            }
        }
    }

    @Override
    public void settle(long now) {
        settleAll(now);
        // What is in progress at now: each busy server's current service so far, and each waiting request's
        // wait so far (sum of now - arrival, as a long difference: exact whenever the result fits, since
        // long arithmetic wraps consistently).
        long busy = 0;
        long waiting = 0;
        int queued = 0;
        int n = workers.size();
        for (int i = 0; i < n; i++) {
            Worker w = workers.get(i);
            int k = w.queue.size();
            if (k > 0) {
                busy += now - w.headStart;
                waiting += (k - 1) * now - w.waitingArrivals;
                queued += k - 1;
            }
        }
        stats.open(busy, waiting, queued);
    }

    @Override
    public long settledEvents() {
        return departures;
    }

    @Override
    public Worker newWorker(int index, Principal pid) {
        return new Worker(this, index, pid, true);
    }

    @Override
    public void workerAdded(Worker w) {}

    @Override
    public void fire(Worker w) {
        throw new IllegalStateException("a single server is never scheduled");
    }

    @Override
    public double meanServiceNanos() {
        return serviceTime.meanNanos();
    }
}
