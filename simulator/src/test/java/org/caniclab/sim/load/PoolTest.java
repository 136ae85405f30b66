package org.caniclab.sim.load;

import static org.caniclab.sim.load.LoadTestSupport.MS;
import static org.caniclab.sim.load.LoadTestSupport.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.caniclab.core.ic.Principal;
import org.caniclab.sim.engine.Engine;
import org.caniclab.sim.model.Distribution;
import org.caniclab.sim.model.RouterKind;
import org.caniclab.sim.model.ServiceModel;
import org.junit.jupiter.api.Test;

class PoolTest {

    private static void arriveAt(Engine engine, Pool pool, long t, int n) {
        for (int i = 0; i < n; i++) {
            engine.schedule(t, pool::arrive);
        }
    }

    @Test
    void rejectsRequestsWhileNoWorkerIsRegistered() {
        Engine engine = new Engine();
        Pool p = LoadTestSupport.pool(engine, new ServiceModel.PerRound(10, ServiceModel.UNBOUNDED), RouterKind.ROUND_ROBIN, 0);
        arriveAt(engine, p, 10 * MS, 3);
        engine.runUntil(S);
        PoolStats s = p.stats();
        assertEquals(3, s.arrived());
        assertEquals(3, s.rejected());
        assertEquals(3, s.rejectedNoWorker());
        assertEquals(3, p.rejectedNoWorker());
    }

    @Test
    void perRoundServesCapacityPerRoundAndRejectsQueueOverflow() {
        Engine engine = new Engine();
        // Round 100 ms, 2 per round, at most 5 waiting; one worker.
        Pool p = LoadTestSupport.pool(engine, new ServiceModel.PerRound(2, 5), RouterKind.ROUND_ROBIN, 1);
        arriveAt(engine, p, 50 * MS, 7);
        engine.runUntil(50 * MS);
        assertEquals(5, p.queueDepth());
        engine.runUntil(100 * MS); // first boundary at or after the arrivals executes 2
        assertEquals(3, p.queueDepth());
        engine.runUntil(300 * MS);
        assertEquals(0, p.queueDepth());
        PoolStats s = p.stats();
        assertEquals(7, s.arrived());
        assertEquals(5, s.completed());
        assertEquals(2, s.rejected());
        // Latencies 50, 50, 150, 150, 250 ms.
        assertEquals(130, s.latency().mean() / MS, 0.5);
        assertEquals(130, s.meanWaitNanos() / MS, 1e-9);
        // 5 executed of 2 per round, each occupying half of the round that starts at its boundary (100, 200
        // and 300 ms): at 300 ms the last round has not begun, so 2 rounds busy of 3 worker-rounds.
        assertEquals(2.0 / 3, s.utilization(), 1e-9);
        engine.runUntil(400 * MS); // the last execution's round has passed: 2.5 busy rounds of 4
        assertEquals(5.0 / 8, p.stats().utilization(), 1e-9);
    }

    @Test
    void capacityPerRoundHoldsForArrivalsExactlyOnABoundary() {
        // A zero-spread burst at a round boundary: each arrival is its own event at that instant, after the
        // worker may already have executed there. Still at most 10 per round.
        Engine engine = new Engine();
        Pool p = LoadTestSupport.pool(engine, new ServiceModel.PerRound(10, ServiceModel.UNBOUNDED), RouterKind.ROUND_ROBIN, 1);
        arriveAt(engine, p, 0, 1);
        engine.runUntil(0); // the worker executes at 0
        arriveAt(engine, p, 0, 25);
        engine.runUntil(0);
        assertEquals(16, p.queueDepth());
        engine.runUntil(100 * MS);
        assertEquals(6, p.queueDepth());
        engine.runUntil(200 * MS);
        assertEquals(0, p.queueDepth());
        PoolStats s = p.stats();
        assertEquals(26, s.completed());
        // 10 at 0 ms, 10 at 100 ms, 6 at 200 ms.
        assertEquals((10 * 0 + 10 * 100 + 6 * 200) / 26.0, s.latency().mean() / MS, 0.1);
    }

    @Test
    void roundRobinCyclesAndShortestQueueBreaksTiesByIndex() {
        Engine engine = new Engine();
        Pool rr = LoadTestSupport.pool(engine, new ServiceModel.PerRound(100, ServiceModel.UNBOUNDED), RouterKind.ROUND_ROBIN, 3);
        Pool sq = LoadTestSupport.pool(engine, new ServiceModel.Continuous(new Distribution.Fixed(S), ServiceModel.UNBOUNDED),
                RouterKind.SHORTEST_QUEUE, 3);
        arriveAt(engine, rr, 10 * MS, 7);
        arriveAt(engine, sq, 10 * MS, 7);
        engine.runUntil(10 * MS);
        // Round robin: 3, 2, 2 waiting. Shortest queue: one in service on each worker, then ties go to the
        // lowest index: 2, 1, 1 waiting.
        assertEquals(7, rr.queueDepth());
        assertEquals(4, sq.queueDepth());
        engine.runUntil(100 * MS);
        assertEquals(0, rr.queueDepth());
        engine.runUntil(S + 10 * MS);
        assertEquals(1, sq.queueDepth()); // 3 done, 3 started, 1 still waiting
        engine.runUntil(3 * S + 10 * MS);
        assertEquals(7, sq.stats().completed());
    }

    @Test
    void randomRouterSpreadsEvenly() {
        Engine engine = new Engine();
        Pool p = new Pool("p", new ServiceModel.PerRound(1_000_000, ServiceModel.UNBOUNDED), RouterKind.RANDOM, engine, 100 * MS, 0,
                new SplittableRandom(1), new SplittableRandom(99));
        for (int i = 0; i < 4; i++) {
            p.addWorker(Principal.canisterId(2 + i));
        }
        arriveAt(engine, p, 10 * MS, 40_000);
        engine.runUntil(10 * MS);
        assertEquals(40_000, p.queueDepth());
        engine.runUntil(100 * MS);
        p.sample();
        engine.runUntil(200 * MS);
        // 40_000 requests executed at 100 ms by 4 workers of capacity 1e6: 1% of the round that follows.
        assertEquals(0.01, p.sample().utilization(), 1e-12);
    }

    @Test
    void continuousQueueBoundRejects() {
        Engine engine = new Engine();
        Pool p = LoadTestSupport.pool(engine, new ServiceModel.Continuous(new Distribution.Fixed(S), 2),
                RouterKind.ROUND_ROBIN, 1);
        arriveAt(engine, p, 0, 5);
        engine.runUntil(10 * S);
        PoolStats s = p.stats();
        assertEquals(3, s.completed()); // one in service, two waiting
        assertEquals(2, s.rejected());
        assertEquals(2_000, s.latency().mean() / MS, 2); // 1, 2 and 3 s
        assertEquals(1_000, s.meanWaitNanos() / MS, 1e-9); // 0, 1 and 2 s
        assertEquals(0.3, s.utilization(), 1e-9); // busy 3 s of 10
    }

    @Test
    void sharedQueueUsesIdleWorkersFirstAndNewWorkersDrainIt() {
        Engine engine = new Engine();
        Pool p = LoadTestSupport.pool(engine, new ServiceModel.SharedQueue(new Distribution.Fixed(S), ServiceModel.UNBOUNDED),
                RouterKind.ROUND_ROBIN, 2);
        arriveAt(engine, p, 0, 5);
        engine.runUntil(0);
        assertEquals(3, p.queueDepth());
        engine.schedule(500 * MS, () -> p.addWorker(Principal.canisterId(9)));
        engine.runUntil(500 * MS);
        assertEquals(2, p.queueDepth()); // the new worker took one at once
        engine.runUntil(S);
        assertEquals(0, p.queueDepth()); // the two first finished and took the rest
        engine.runUntil(10 * S);
        assertEquals(5, p.stats().completed());
        assertEquals(3, p.peakWorkers());
    }

    @Test
    void warmupRequestsAreServedButNotCounted() {
        Engine engine = new Engine();
        Pool p = new Pool("p", new ServiceModel.Continuous(new Distribution.Fixed(10 * MS), ServiceModel.UNBOUNDED),
                RouterKind.ROUND_ROBIN, engine, 100 * MS, S, new SplittableRandom(1), new SplittableRandom(2));
        p.addWorker(Principal.canisterId(2));
        arriveAt(engine, p, 500 * MS, 4);
        arriveAt(engine, p, 2 * S, 1);
        engine.runUntil(S);
        p.startMeasurement();
        engine.runUntil(3 * S);
        PoolStats s = p.stats();
        assertEquals(1, s.arrived());
        assertEquals(1, s.completed());
        assertEquals(10, s.latency().mean() / MS, 0.01);
        assertEquals(0.005, s.utilization(), 1e-9); // 10 ms busy in the 2 s after warm-up
        assertEquals(5, p.arrivalsTotal());
        assertTrue(p.sample().arrivals() == 5);
    }
}
