package org.caniclab.sim.load;

import static org.caniclab.sim.load.LoadTestSupport.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.caniclab.core.ic.Principal;
import org.caniclab.sim.engine.Engine;
import org.caniclab.sim.model.Distribution;
import org.caniclab.sim.model.RouterKind;
import org.caniclab.sim.model.ServiceModel;
import org.junit.jupiter.api.Test;

/**
 * A shared-queue pool with {@code queue_capacity = 0} is the M/M/c/c loss system: its blocking probability
 * is Erlang B's, B(c, a) with a = λ/μ, within the sampling error of independent replications.
 */
class ErlangBTest {

    /** Erlang B by the stable recurrence B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)). */
    static double erlangB(int c, double a) {
        double b = 1;
        for (int k = 1; k <= c; k++) {
            b = a * b / (k + a * b);
        }
        return b;
    }

    private static double blocking(int servers, double lambdaPerSecond, long meanServiceNanos, int arrivals,
            long seed) {
        Engine engine = new Engine();
        Pool p = new Pool("loss", new ServiceModel.SharedQueue(new Distribution.Exponential(meanServiceNanos), 0),
                RouterKind.ROUND_ROBIN, engine, 100 * MS, 0, new SplittableRandom(seed), new SplittableRandom(~seed));
        for (int i = 0; i < servers; i++) {
            p.addWorker(Principal.canisterId(2 + i));
        }
        SplittableRandom gaps = new SplittableRandom(seed * 31 + 7);
        double t = 0;
        for (int i = 0; i < arrivals; i++) {
            t += -Math.log(1 - gaps.nextDouble()) / lambdaPerSecond * 1e9;
            engine.schedule((long) t, p::arrive);
        }
        engine.runUntil((long) t + 1);
        PoolStats s = p.stats();
        assertEquals(arrivals, s.arrived());
        assertEquals(0, s.waited(), "a loss system has no waiting room: nobody waits");
        return (double) s.rejected() / s.arrived();
    }

    @Test
    void blockingProbabilityMatchesErlangB() {
        int c = 5;
        double lambda = 40;            // per second
        long meanService = 100 * MS;   // a = λ/μ = 4 erlangs
        double expected = erlangB(c, lambda * meanService / 1e9);
        int n = 20;
        double sum = 0;
        double sumSq = 0;
        for (int r = 0; r < n; r++) {
            double b = blocking(c, lambda, meanService, 20_000, 1_000 + r);
            sum += b;
            sumSq += b * b;
        }
        double mean = sum / n;
        double sd = Math.sqrt((sumSq - n * mean * mean) / (n - 1));
        double halfWidth = 2.861 * sd / Math.sqrt(n); // Student t, 19 df, 99 %
        assertTrue(Math.abs(mean - expected) <= halfWidth,
                "blocking " + mean + " ± " + halfWidth + ", Erlang B(5, 4) = " + expected);
        assertEquals(0.1991, expected, 1e-4); // the textbook value for 5 servers and 4 erlangs
    }

    @Test
    void anUnboundedSharedQueueRejectsNothing() {
        Engine engine = new Engine();
        Pool p = new Pool("q", new ServiceModel.SharedQueue(new Distribution.Exponential(100 * MS),
                ServiceModel.UNBOUNDED), RouterKind.ROUND_ROBIN, engine, 100 * MS, 0, new SplittableRandom(1),
                new SplittableRandom(2));
        p.addWorker(Principal.canisterId(2));
        for (int i = 0; i < 50; i++) {
            engine.schedule(i * MS, p::arrive);
        }
        engine.runUntil(60 * 1_000 * MS);
        assertEquals(0, p.stats().rejected());
        assertEquals(50, p.stats().completed());
    }
}
