package org.caniclab.sim.model;

import java.util.Locale;

/**
 * What a simulator run of a scenario will cost, estimated from the scenario alone before anything runs, so that
 * a run whose work has no practical bound ({@code load.0.rate=1e20}, {@code run.sample_interval=1ns}) is refused
 * at validation instead of running for ever or filling the heap.
 *
 * <pre>{@code
 * WorkEstimate w = WorkEstimate.of(scenario);
 * if (w.events() > 1e9) System.err.println("too big, mostly " + w.eventsKey());
 * }</pre>
 *
 * <p>{@code events} is an upper-ish estimate of the model's events (the engine's and the completions single servers
 * settle themselves, as a run counts them): two per expected arrival of a Poisson or burst
 * source (the arrival, and its completion or its worker's round wake-up), every tick of the top-up timer and of each
 * autoscaler (at most one a round, each allowed a create per pool), the scheduled calls and the bootstrap's
 * creates (eight events a create, an upper bound). Trace sources are not counted: their
 * work is bounded by the file's rows, which are read streamed. A double, so that {@code 1e20} requests per second
 * still estimate without overflow.
 *
 * @param events the expected model events
 * @param eventsKey the key path of the largest contribution to {@code events}, e.g. {@code load[0].rate}
 * @param timelineRows rows of {@code timeline.csv}: pools × ⌊duration / sample_interval⌋
 * @param timelineKey the key path that sets the timeline's size ({@code run.sample_interval})
 */
public record WorkEstimate(double events, String eventsKey, double timelineRows, String timelineKey) {
    /** Events of one create: the hub's call, root's handling, the creation, the reply, the registration. */
    static final double PER_CREATE = 8;

    /** The estimate of {@code s}'s simulator run. */
    public static WorkEstimate of(Scenario s) {
        double duration = s.run().durationNanos();
        double round = s.ic().roundNanos();
        Largest largest = new Largest();
        double calls = 1; // the bootstrap
        for (ScheduledCall c : s.calls()) {
            calls += c.count();
        }
        largest.add(PER_CREATE * calls, "calls");
        for (int i = 0; i < s.loads().size(); i++) {
            LoadSource l = s.loads().get(i);
            // The arrival, and its completion (a continuous server) or its share of the worker's round wake-ups
            // (per-round: a worker wakes only while it holds requests, and serves at least one per wake-up
            // but for one at an instant it already filled).
            double perArrival = 2;
            if (l instanceof LoadSource.Poisson p) {
                double arrivals = 0;
                for (LoadSource.RateSegment seg : p.schedule()) {
                    double from = Math.min(seg.fromNanos(), duration);
                    double to = Math.min(seg.toNanos(), duration);
                    if (to <= from) {
                        continue;
                    }
                    // The rate is linear over the whole segment: its mean over the part before the end.
                    double span = (double) seg.toNanos() - seg.fromNanos();
                    double rateAtTo = seg.startRate() + (seg.endRate() - seg.startRate()) * ((to - seg.fromNanos()) / span);
                    arrivals += (seg.startRate() + rateAtTo) / 2 * ((to - from) / 1e9);
                }
                largest.add(arrivals * perArrival, "load[" + i + "].rate");
            } else if (l instanceof LoadSource.Burst b) {
                largest.add(b.atNanos() < duration ? b.requests() * perArrival : 0, "load[" + i + "].requests");
            }
        }
        if (s.hub().topUpIntervalNanos() > 0) {
            largest.add(ticks(duration, s.hub().topUpIntervalNanos(), round) * (1 + PER_CREATE * s.pools().size()),
                    "hub.topup_interval");
        }
        for (PoolSpec p : s.pools()) {
            largest.add(PER_CREATE * p.policy().initialWorkers(), "pools." + p.name() + ".policy.initial_workers");
            if (p.autoscaler().isPresent()) {
                largest.add(ticks(duration, p.autoscaler().get().intervalNanos(), round) * (1 + PER_CREATE),
                        "pools." + p.name() + ".autoscaler.interval");
            }
        }
        double rows = s.pools().size() * Math.floor(duration / s.run().sampleIntervalNanos());
        return new WorkEstimate(largest.total, largest.key, rows, "run.sample_interval");
    }

    /** A hub timer fires at most once a round. */
    private static double ticks(double duration, long interval, double round) {
        return Math.floor(duration / Math.max(interval, round));
    }

    /** {@code n} for a message: an integer below 10^15, else in scientific notation. */
    public static String format(double n) {
        return n < 1e15 ? String.format(Locale.ROOT, "%.0f", n) : String.format(Locale.ROOT, "%.2e", n);
    }

    private static final class Largest {
        double total;
        double max = -1;
        String key = "run.duration";

        void add(double n, String k) {
            total += n;
            if (n > max) {
                max = n;
                key = k;
            }
        }
    }
}
