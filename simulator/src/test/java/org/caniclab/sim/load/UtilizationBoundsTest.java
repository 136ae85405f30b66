package org.caniclab.sim.load;

import static org.caniclab.sim.load.LoadTestSupport.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.caniclab.core.ic.Principal;
import org.caniclab.sim.engine.Engine;
import org.caniclab.sim.model.RouterKind;
import org.caniclab.sim.model.ServiceModel;
import org.junit.jupiter.api.Test;

/**
 * Utilization is busy time over worker time: within [0, 1] for every timeline interval, whatever the round
 * length, the sample interval (shorter, longer or not a multiple of a round), the load and when workers
 * register (mid-round included). Cases are drawn from a fixed seed so a failure reproduces.
 */
class UtilizationBoundsTest {

    @Test
    void perRoundUtilizationStaysWithinZeroAndOneOverEveryInterval() {
        SplittableRandom cases = new SplittableRandom(20261201);
        double highest = 0;
        for (int c = 0; c < 300; c++) {
            long round = (1 + cases.nextInt(2_000)) * MS / 4;            // 0.25 ms .. 500 ms
            long interval = (1 + cases.nextInt(4_000)) * MS / 4;         // independent of the round
            int capacity = 1 + cases.nextInt(20);
            int queue = cases.nextInt(3) == 0 ? ServiceModel.UNBOUNDED : 1 + cases.nextInt(50);
            double perRoundLoad = cases.nextDouble() * 3 * capacity;     // up to 3× one worker's capacity
            int workers = 1 + cases.nextInt(4);
            Engine engine = new Engine();
            Pool p = new Pool("p", new ServiceModel.PerRound(capacity, queue), RouterKind.ROUND_ROBIN, engine, round,
                    0, new SplittableRandom(c), new SplittableRandom(c + 1));
            SplittableRandom arrivals = new SplittableRandom(c * 7L);
            long horizon = 40 * Math.max(round, interval);
            double meanGap = round / Math.max(perRoundLoad, 1e-3);
            for (double t = 0; t < horizon; t += -Math.log(1 - arrivals.nextDouble()) * meanGap) {
                long at = (long) t;
                engine.schedule(at, p::arrive);
            }
            // Workers register at random instants, usually mid-round, some on a boundary.
            for (int w = 0; w < workers; w++) {
                long at = w == 0 ? 0 : (arrivals.nextBoolean() ? arrivals.nextLong(horizon / 2)
                        : arrivals.nextLong(1, 20) * round);
                int id = w;
                engine.schedule(at, () -> p.addWorker(Principal.canisterId(2 + id)));
            }
            for (long t = interval; t <= horizon; t += interval) {
                engine.runUntil(t);
                Pool.Interval i = p.sample();
                String where = "case " + c + " round " + round + " interval " + interval + " capacity " + capacity
                        + " at " + t;
                assertTrue(i.utilization() >= 0 && i.utilization() <= 1 + 1e-12, where + ": " + i.utilization());
                highest = Math.max(highest, i.utilization());
            }
            double whole = p.stats().utilization();
            assertTrue(whole >= 0 && whole <= 1 + 1e-12, "case " + c + " whole run: " + whole);
        }
        // The cases include saturated pools: the bound is reached, not avoided by serving nothing.
        assertTrue(highest > 0.999, "highest interval utilization " + highest);
    }

    @Test
    void aSaturatedWorkerSampledEveryHalfRoundIsFullyBusy() {
        // One worker, 4 per round, 100 ms rounds, far more work than it can do: every half-round interval
        // after the first execution is exactly busy; crediting the whole round at its start gave 2 then 0.
        Engine engine = new Engine();
        Pool p = LoadTestSupport.pool(engine, new ServiceModel.PerRound(4, ServiceModel.UNBOUNDED), RouterKind.ROUND_ROBIN, 1);
        for (int i = 0; i < 400; i++) {
            engine.schedule(1, p::arrive);
        }
        engine.runUntil(100 * MS);
        p.sample();
        for (long t = 150 * MS; t <= 2_000 * MS; t += 50 * MS) {
            engine.runUntil(t);
            assertEquals(1.0, p.sample().utilization(), 1e-12, "at " + t);
        }
    }
}
