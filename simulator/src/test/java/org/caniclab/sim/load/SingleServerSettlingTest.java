package org.caniclab.sim.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.caniclab.core.ic.Principal;
import org.caniclab.sim.engine.Engine;
import org.caniclab.sim.engine.Sampler;
import org.caniclab.sim.model.Distribution;
import org.caniclab.sim.model.RouterKind;
import org.caniclab.sim.model.ServiceModel;
import org.junit.jupiter.api.Test;

/**
 * Single servers settle their completions in closed form instead of as events ({@link SingleServerService}).
 * Checked here against a plain event-by-event model written for the test: per worker a FIFO of requests,
 * gauges of busy servers and waiting requests integrated between consecutive instants, departures at an
 * instant before the arrivals and reads there. Random cases (seeded, the seed in every message) cover the
 * three routers, queue bounds 0, 1, 2 and none, fixed service times on the arrivals' grid (so departures
 * and arrivals often share an instant), exponential and uniform ones, workers registered mid-run, a
 * warm-up, batch sums and reads at arbitrary instants: every figure a read returns must be equal, bit for
 * bit, to the event model's.
 */
class SingleServerSettlingTest {
    private static final int CASES = 400;

    @Test
    void everyReadAgreesWithAnEventByEventModel() {
        long[] seen = new long[3]; // rejections, departures at an arrival's instant, requests completed
        for (int seed = 1; seed <= CASES; seed++) {
            EventModel m = runCase(seed);
            seen[0] += m.rejected;
            seen[1] += m.departuresAtArrivals;
            seen[2] += m.completed;
        }
        // The cases must reach what they are for: full queues and departures sharing an arrival's instant.
        assertTrue(seen[0] > 1_000 && seen[1] > 1_000 && seen[2] > 50_000, Arrays.toString(seen));
    }

    @Test
    void departuresAtAnArrivalsInstantLeaveBeforeItIsRouted() {
        // One worker, room for one waiting request, service 10 ns: requests at 0, 5 and 10. The first
        // departs at 10, exactly when the third arrives, so the third finds one waiting and one free place.
        Engine engine = new Engine();
        Pool p = new Pool("p", new ServiceModel.Continuous(new Distribution.Fixed(10), 1), RouterKind.ROUND_ROBIN,
                engine, 100, 0, new SplittableRandom(1), new SplittableRandom(2));
        p.addWorker(Principal.canisterId(2));
        for (long t : new long[] {0, 5, 10}) {
            engine.schedule(t, p::arrive);
        }
        engine.runUntil(10);
        assertEquals(0, p.rejectionsTotal());
        assertEquals(1, p.queueDepth()); // the second in service since 10, the third waiting
        engine.runUntil(100);
        PoolStats s = p.stats();
        assertEquals(3, s.completed());
        assertEquals(3, p.settledEvents());
        assertEquals((0 + 5 + 10) / 3.0, s.meanWaitNanos()); // waits 0, 5 (10 - 5), 10 (20 - 10)
    }

    private record Case(int workers, RouterKind router, int capacity, Distribution service, long warmup, long end,
            int batches, long[] arrivals, long[] workerAt, long[] reads) {}

    private static Case randomCase(int seed) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L);
        int workers = 1 + r.nextInt(4);
        RouterKind router = RouterKind.values()[r.nextInt(RouterKind.values().length)];
        int capacity = new int[] {0, 1, 2, ServiceModel.UNBOUNDED, ServiceModel.UNBOUNDED}[r.nextInt(5)];
        long grid = 10 + r.nextInt(90);
        Distribution service = switch (r.nextInt(3)) {
            case 0 -> new Distribution.Fixed(grid * (1 + r.nextInt(workers * 2 + 1)));
            case 1 -> new Distribution.Exponential(grid * (1 + r.nextInt(workers * 2 + 1)));
            default -> new Distribution.Uniform(1, grid * (2 + r.nextInt(workers * 3)));
        };
        int n = 50 + r.nextInt(400);
        long[] arrivals = new long[n];
        long t = 0;
        for (int i = 0; i < n; i++) {
            t += grid * r.nextInt(3); // 0: two arrivals at one instant
            arrivals[i] = t;
        }
        long end = t + grid * (5 + r.nextInt(20));
        // The first worker before the load; the others at instants on the grid, some during it.
        long[] workerAt = new long[workers];
        for (int i = 1; i < workers; i++) {
            workerAt[i] = r.nextBoolean() ? 0 : grid * r.nextInt((int) (t / grid) + 1);
        }
        Arrays.sort(workerAt);
        // On the grid (where arrivals and, with fixed service times, departures fall) or just after it.
        long warmup = r.nextBoolean() ? 0 : Math.min(grid * r.nextInt(20) + r.nextInt(2), end / 2);
        long[] reads = new long[5 + r.nextInt(30)];
        for (int i = 0; i < reads.length; i++) {
            reads[i] = 1 + r.nextLong(end); // any instant, departures included
        }
        reads = Arrays.stream(reads).filter(x -> x > warmup).distinct().sorted().toArray();
        return new Case(workers, router, capacity, service, warmup, end, r.nextBoolean() ? 0 : 1 + r.nextInt(5),
                arrivals, workerAt, reads);
    }

    private static EventModel runCase(int seed) {
        Case c = randomCase(seed);
        String where = "seed " + seed + " (" + c + ")";
        long serviceSeed = seed * 31L;
        long routerSeed = seed * 37L;
        Engine engine = new Engine();
        Pool pool = new Pool("p", new ServiceModel.Continuous(c.service(), c.capacity()), c.router(), engine, 100,
                c.warmup(), c.end(), c.batches(), new SplittableRandom(serviceSeed), new SplittableRandom(routerSeed));
        for (int i = 0; i < c.workers(); i++) {
            int id = i;
            engine.schedule(c.workerAt()[i], () -> pool.addWorker(Principal.canisterId(2 + id)));
        }
        for (long a : c.arrivals()) {
            engine.schedule(a, pool::arrive);
        }
        EventModel model = new EventModel(c, new SplittableRandom(serviceSeed), new SplittableRandom(routerSeed));
        engine.runUntil(c.warmup());
        pool.startMeasurement();
        model.runUntil(c.warmup());
        model.startMeasurement();
        for (long read : c.reads()) {
            engine.runUntil(read);
            model.runUntil(read);
            String at = where + " at t=" + read;
            Pool.Interval i = pool.sample();
            EventModel.Sample e = model.sample();
            assertEquals(e.workers(), i.workers(), at);
            assertEquals(e.queued(), i.queueDepth(), at);
            assertEquals(e.queued(), pool.queueDepth(), at);
            assertEquals(e.utilization(), i.utilization(), at);
            assertEquals(e.arrivals(), i.arrivals(), at);
            assertEquals(e.rejections(), i.rejections(), at);
            assertEquals(model.meanInService(), pool.meanInService(), at);
            assertEquals(model.meanQueueDepth(), pool.meanQueueDepth(), at);
            assertEquals(model.departures, pool.settledEvents(), at);
        }
        engine.runUntil(c.end());
        model.runUntil(c.end());
        PoolStats s = pool.stats();
        String at = where + " at the end";
        assertEquals(model.arrived, s.arrived(), at);
        assertEquals(model.completed, s.completed(), at);
        assertEquals(model.rejected, s.rejected(), at);
        assertEquals(model.meanWait(), s.meanWaitNanos(), at);
        assertEquals(LibraryFigures.of(model.latency), s.latency(), at);
        assertEquals(LibraryFigures.of(model.waits), s.waits(), at);
        assertEquals(model.latency, pool.latencyHistogram(), at);
        assertEquals(model.waits.getTotalCount() - model.waits.getCountAtValue(0), s.waited(), at);
        assertEquals(model.utilization(), s.utilization(), at);
        assertEquals(model.departures, pool.settledEvents(), at);
        assertEquals(c.batches() > 0, s.batches().isPresent(), at);
        s.batches().ifPresent(b -> {
            assertArrayEquals(model.batchWaitSum, b.waitSumNanos(), at);
            assertArrayEquals(model.batchWaitCount, b.waitCount(), at);
            assertArrayEquals(model.batchLatencySum, b.latencySumNanos(), at);
            assertArrayEquals(model.batchLatencyCount, b.latencyCount(), at);
        });
        return model;
    }

    /**
     * The event-by-event reference: requests as objects in per-worker FIFOs, one instant at a time (the
     * earliest departure or the next arrival, departures first), the gauges' integrals in exact longs.
     */
    private static final class EventModel {
        record Sample(int workers, int queued, double utilization, long arrivals, long rejections) {}

        private final Case c;
        private final SplittableRandom serviceRng;
        private final SplittableRandom routerRng;
        private final List<List<long[]>> queues = new ArrayList<>(); // per worker: {arrival, service, start}
        private final long[] departure; // per worker: departure of its head, or MAX when idle
        private int nextArrival;
        private int roundRobin;
        private long now;
        private long busyIntegral;
        private long waitingIntegral;
        private long workerIntegral;
        private long busyMark;
        private long waitingMark;
        private long workerMark;
        private long markAt;
        private long sampleBusy;
        private long sampleWorkers;
        private long sampleArrivals;
        private long sampleRejections;
        long arrivalsTotal;
        long rejectionsTotal;
        long arrived;
        long completed;
        long rejected;
        long departures;
        long departuresAtArrivals;
        long waitSum;
        long waitCount;
        final Histogram latency = new Histogram(3);
        final Histogram waits = new Histogram(3);
        final double[] batchWaitSum;
        final long[] batchWaitCount;
        final double[] batchLatencySum;
        final long[] batchLatencyCount;

        EventModel(Case c, SplittableRandom serviceRng, SplittableRandom routerRng) {
            this.c = c;
            this.serviceRng = serviceRng;
            this.routerRng = routerRng;
            this.departure = new long[c.workers()];
            Arrays.fill(departure, Long.MAX_VALUE);
            batchWaitSum = new double[c.batches()];
            batchWaitCount = new long[c.batches()];
            batchLatencySum = new double[c.batches()];
            batchLatencyCount = new long[c.batches()];
        }

        private int busy() {
            int b = 0;
            for (List<long[]> q : queues) {
                b += q.isEmpty() ? 0 : 1;
            }
            return b;
        }

        private int queued() {
            int n = 0;
            for (List<long[]> q : queues) {
                n += Math.max(0, q.size() - 1);
            }
            return n;
        }

        /**
         * Integrates the gauges from the last instant to {@code t}, registering the workers due on the way
         * at their instants (the workers are sorted by registration time).
         */
        private void advance(long t) {
            while (true) {
                long due = queues.size() < c.workerAt().length ? c.workerAt()[queues.size()] : Long.MAX_VALUE;
                long step = Math.min(t, Math.max(due, now));
                long dt = step - now;
                busyIntegral += busy() * dt;
                waitingIntegral += queued() * dt;
                workerIntegral += queues.size() * dt;
                now = step;
                if (due > t) {
                    return;
                }
                queues.add(new ArrayList<>());
            }
        }

        private int batch(long arrival) {
            double scale = c.batches() / (double) (c.end() - c.warmup());
            return Math.min((int) ((arrival - c.warmup()) * scale), c.batches() - 1);
        }

        private void started(long[] r) {
            r[2] = now;
            if (r[0] >= c.warmup()) {
                long w = now - r[0];
                waitSum += w;
                waitCount++;
                waits.recordValue(w);
                if (c.batches() > 0) {
                    batchWaitSum[batch(r[0])] += w;
                    batchWaitCount[batch(r[0])]++;
                }
            }
        }

        void runUntil(long until) {
            while (true) {
                int w = -1;
                for (int i = 0; i < departure.length; i++) {
                    if (departure[i] != Long.MAX_VALUE && (w < 0 || departure[i] < departure[w])) {
                        w = i;
                    }
                }
                long nextDeparture = w < 0 ? Long.MAX_VALUE : departure[w];
                long arrivalAt = nextArrival < c.arrivals().length ? c.arrivals()[nextArrival] : Long.MAX_VALUE;
                if (nextDeparture <= until && nextDeparture <= arrivalAt) {
                    departuresAtArrivals += nextDeparture == arrivalAt ? 1 : 0;
                    advance(nextDeparture);
                    depart(w);
                } else if (arrivalAt <= until) {
                    advance(arrivalAt);
                    nextArrival++;
                    arrive();
                } else {
                    advance(until);
                    return;
                }
            }
        }

        private void depart(int w) {
            List<long[]> q = queues.get(w);
            long[] r = q.remove(0);
            departures++;
            if (r[0] >= c.warmup()) {
                long l = now - r[0];
                completed++;
                latency.recordValue(l);
                if (c.batches() > 0) {
                    batchLatencySum[batch(r[0])] += l;
                    batchLatencyCount[batch(r[0])]++;
                }
            }
            if (q.isEmpty()) {
                departure[w] = Long.MAX_VALUE;
            } else {
                started(q.get(0));
                departure[w] = now + q.get(0)[1];
            }
        }

        private void arrive() {
            arrivalsTotal++;
            boolean measured = now >= c.warmup();
            arrived += measured ? 1 : 0;
            long[] r = {now, drawService(), -1};
            int n = queues.size();
            if (n == 0) {
                reject(measured);
                return;
            }
            int w = route(n);
            List<long[]> q = queues.get(w);
            if (q.isEmpty()) {
                q.add(r);
                started(r);
                departure[w] = now + r[1];
            } else if (q.size() - 1 >= c.capacity()) {
                reject(measured);
            } else {
                q.add(r);
            }
        }

        private long drawService() {
            return c.service() instanceof Distribution.Exponential e
                    ? Sampler.exponentialNanos(e.meanNanosValue(), serviceRng)
                    : Sampler.sample(c.service(), serviceRng);
        }

        private int route(int n) {
            switch (c.router()) {
                case ROUND_ROBIN -> {
                    int i = roundRobin >= n ? 0 : roundRobin;
                    roundRobin = i + 1;
                    return i;
                }
                case RANDOM -> {
                    return routerRng.nextInt(n);
                }
                default -> {
                    int best = 0;
                    for (int i = 1; i < n; i++) {
                        if (queues.get(i).size() < queues.get(best).size()) {
                            best = i;
                        }
                    }
                    return best;
                }
            }
        }

        private void reject(boolean measured) {
            rejectionsTotal++;
            rejected += measured ? 1 : 0;
        }

        void startMeasurement() {
            busyMark = busyIntegral;
            waitingMark = waitingIntegral;
            workerMark = workerIntegral;
            markAt = now;
        }

        Sample sample() {
            long busyTime = busyIntegral - sampleBusy;
            long workerTime = workerIntegral - sampleWorkers;
            Sample s = new Sample(queues.size(), queued(),
                    workerTime > 0 ? (double) busyTime / (double) workerTime : 0, arrivalsTotal - sampleArrivals,
                    rejectionsTotal - sampleRejections);
            sampleBusy = busyIntegral;
            sampleWorkers = workerIntegral;
            sampleArrivals = arrivalsTotal;
            sampleRejections = rejectionsTotal;
            return s;
        }

        double meanInService() {
            long t = now - markAt;
            return t > 0 ? (double) (busyIntegral - busyMark) / t : 0;
        }

        double meanQueueDepth() {
            long t = now - markAt;
            return t > 0 ? (double) (waitingIntegral - waitingMark) / t : 0;
        }

        double utilization() {
            long workerTime = workerIntegral - workerMark;
            return workerTime > 0 ? (double) (busyIntegral - busyMark) / workerTime : 0;
        }

        double meanWait() {
            return waitCount > 0 ? (double) waitSum / waitCount : Double.NaN;
        }
    }
}
