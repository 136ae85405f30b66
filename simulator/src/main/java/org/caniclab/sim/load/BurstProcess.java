package org.caniclab.sim.load;

import java.util.SplittableRandom;
import org.caniclab.sim.engine.Engine;

/**
 * {@code n} arrivals at i.i.d. uniform times in {@code [at, at + spread)}, generated in increasing order
 * without storing them: given the k-th order statistic x, the next is {@code 1 − (1 − x)·V^(1/(n−k))}
 * (the minimum of the n−k uniforms left on (x, 1)).
 */
final class BurstProcess extends ArrivalProcess {
    private final ArrivalSink pool;
    private final SplittableRandom rng;
    private final long at;
    private final long spread;
    private final int total;
    private int generated;
    private double x;

    BurstProcess(String name, ArrivalSink pool, long at, int requests, long spread, SplittableRandom rng,
            Engine engine, long endNanos) {
        super(engine, endNanos);
        if (requests < 0 || spread < 0 || at < 0) {
            throw new IllegalArgumentException("load '" + name + "': burst of " + requests + " requests at "
                    + at + " ns spread over " + spread + " ns; accepted are values >= 0");
        }
        this.pool = pool;
        this.rng = rng;
        this.at = at;
        this.spread = spread;
        this.total = requests;
    }

    @Override
    void deliver() {
        pool.arrive();
    }

    @Override
    long next() {
        if (generated == total) {
            return -1;
        }
        double v = 1.0 - rng.nextDouble(); // (0, 1]
        x = 1 - (1 - x) * StrictMath.pow(v, 1.0 / (total - generated)); // StrictMath: the same bits on every JVM
        generated++;
        if (spread == 0) {
            return at;
        }
        long offset = (long) Math.floor(x * spread);
        return at + Math.min(offset, spread - 1);
    }
}
