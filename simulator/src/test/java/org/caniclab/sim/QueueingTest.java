package org.caniclab.sim;

import static org.caniclab.sim.TestScenarios.MS;
import static org.caniclab.sim.TestScenarios.S;
import static org.caniclab.sim.TestScenarios.pool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.caniclab.core.config.ScalePoolPolicy;
import org.caniclab.reports.RequestStats;
import org.caniclab.reports.RunResult;
import org.caniclab.sim.load.Pool;
import org.caniclab.sim.model.Distribution;
import org.caniclab.sim.model.RouterKind;
import org.caniclab.sim.model.Scenario;
import org.caniclab.sim.model.ServiceModel;
import org.junit.jupiter.api.Test;

/**
 * Classical queueing checks of the continuous service models, with warm-up deletion.
 *
 * <p>c = 4 workers with exponential service of mean 10 ms (μ = 100/s) and Poisson arrivals of 320/s
 * (ρ = 0.8). With random routing each worker sees a Poisson stream of 80/s (Poisson splitting), so each is
 * an M/M/1 queue: Wq = ρ / (μ − λ/c) = 40 ms. With the shared-queue model the pool is an M/M/4 queue:
 * Wq = C(4, 3.2) / (4μ − λ) (Erlang C). Per-worker queues with round-robin or shortest-queue routing are
 * neither, so they are only checked for their order.
 */
class QueueingTest {
    private static final int WORKERS = 4;
    private static final double MU = 100; // per second
    private static final double LAMBDA = 320; // per second, whole pool
    private static final long WARMUP = 50 * S;
    private static final long DURATION = 850 * S;
    private static final int SEEDS = 10;

    private static Scenario scenario(ServiceModel model, RouterKind router, long seed) {
        return TestScenarios.named("queueing").seed(seed).duration(DURATION).warmup(WARMUP).sample(50 * S)
                .round(10 * MS)
                .pool(pool("api", new ScalePoolPolicy(WORKERS, WORKERS, WORKERS), model, router, null))
                // Load starts once the bootstrap has registered every worker (4 × 0.52 s).
                .load(TestScenarios.poisson("l", "api", 5 * S, DURATION, LAMBDA))
                .build();
    }

    private static ServiceModel exponential(boolean shared) {
        Distribution d = new Distribution.Exponential((long) (1e9 / MU));
        return shared ? new ServiceModel.SharedQueue(d, ServiceModel.UNBOUNDED) : new ServiceModel.Continuous(d, ServiceModel.UNBOUNDED);
    }

    /** Mean waits (ms) across seeds, one run per seed. */
    private static double[] meanWaits(ServiceModel model, RouterKind router, long firstSeed) {
        double[] waits = new double[SEEDS];
        for (int i = 0; i < SEEDS; i++) {
            RunResult r = new Simulator().run(scenario(model, router, firstSeed + i), ProgressListener.NONE);
            waits[i] = r.pools().get(0).requests().waitMsMean();
        }
        return waits;
    }

    private static void assertMatches(double analyticMs, double[] waits, long firstSeed, String what) {
        double mean = Arrays.stream(waits).average().orElseThrow();
        double var = Arrays.stream(waits).map(w -> (w - mean) * (w - mean)).sum() / (waits.length - 1);
        double se = Math.sqrt(var / waits.length);
        String msg = what + ": seeds " + firstSeed + ".." + (firstSeed + SEEDS - 1) + ", mean " + mean + " ms, SE "
                + se + " ms, analytic " + analyticMs + " ms, waits " + Arrays.toString(waits);
        System.out.printf(java.util.Locale.ROOT, "%s: mean wait %.3f ms (SE %.3f) over %d seeds, analytic %.3f ms%n",
                what, mean, se, waits.length, analyticMs);
        assertTrue(Math.abs(mean - analyticMs) < 3 * se, msg);
        assertTrue(Math.abs(mean - analyticMs) < 0.10 * analyticMs, msg);
    }

    /** Erlang C: probability that an arrival waits in an M/M/c queue with offered load a = λ/μ. */
    static double erlangC(int c, double a) {
        double rho = a / c;
        double term = 1;
        double sum = 1; // k = 0
        for (int k = 1; k < c; k++) {
            term *= a / k;
            sum += term;
        }
        double last = term * a / c / (1 - rho);
        return last / (sum + last);
    }

    @Test
    void erlangCMatchesKnownValues() {
        assertEquals(0.8, erlangC(1, 0.8), 1e-12); // M/M/1: P(wait) = ρ
        // By hand: sum_{k<4} 3.2^k/k! = 14.7813; 3.2^4/4!/(1 - 0.8) = 21.8453; C = 21.8453 / 36.6267.
        assertEquals(0.59643, erlangC(4, 3.2), 1e-5);
    }

    @Test
    void randomRoutingMakesEachWorkerAnMm1Queue() {
        long firstSeed = 1_000;
        double lambdaPerWorker = LAMBDA / WORKERS;
        double wqMs = (lambdaPerWorker / MU) / (MU - lambdaPerWorker) * 1e3; // 40 ms
        assertMatches(wqMs, meanWaits(exponential(false), RouterKind.RANDOM, firstSeed), firstSeed, "M/M/1");
    }

    @Test
    void sharedQueueIsAnMmcQueue() {
        long firstSeed = 2_000;
        double wqMs = erlangC(WORKERS, LAMBDA / MU) / (WORKERS * MU - LAMBDA) * 1e3; // ≈ 7.45 ms
        assertMatches(wqMs, meanWaits(exponential(true), RouterKind.ROUND_ROBIN, firstSeed), firstSeed, "M/M/4");
    }

    @Test
    void littlesLawHoldsOnARun() {
        for (boolean shared : new boolean[] {true, false}) {
            long seed = 3_000;
            SimulationRun run = new SimulationRun(scenario(exponential(shared), RouterKind.SHORTEST_QUEUE, seed));
            RunResult r = run.execute(ProgressListener.NONE);
            Pool pool = run.pools().get("api");
            RequestStats stats = r.pools().get(0).requests();
            double measuredSeconds = (DURATION - WARMUP) / 1e9;
            double lambda = stats.arrived() / measuredSeconds;
            String where = (shared ? "shared queue" : "shortest queue") + ", seed " + seed;
            // L_q = λ W_q: time-averaged waiting requests against arrival rate × mean wait.
            double lq = pool.meanQueueDepth();
            double lambdaWq = lambda * stats.waitMsMean() / 1e3;
            assertEquals(1.0, lq / lambdaWq, 0.02, where + ": Lq " + lq + ", λWq " + lambdaWq);
            // L = λ W, with W the histogram's mean latency (3 significant digits).
            double l = lq + pool.meanInService();
            double lambdaW = lambda * stats.latencyMs().mean() / 1e3;
            assertEquals(1.0, l / lambdaW, 0.02, where + ": L " + l + ", λW " + lambdaW);
            // Servers: utilization × c = λ E[S].
            assertEquals(LAMBDA / MU, stats.utilizationMean() * WORKERS, 0.03 * LAMBDA / MU, where);
        }
    }

    @Test
    void routingPoliciesRankAsQueueingTheorySays() {
        // Same seed (common random numbers): shared ≤ shortest queue ≤ round robin ≤ random.
        long seed = 4_000;
        double shared = wait(exponential(true), RouterKind.ROUND_ROBIN, seed);
        double jsq = wait(exponential(false), RouterKind.SHORTEST_QUEUE, seed);
        double rr = wait(exponential(false), RouterKind.ROUND_ROBIN, seed);
        double random = wait(exponential(false), RouterKind.RANDOM, seed);
        String msg = "seed " + seed + ": shared " + shared + ", jsq " + jsq + ", rr " + rr + ", random " + random;
        assertTrue(shared <= jsq && jsq < rr && rr < random, msg);
    }

    private static double wait(ServiceModel m, RouterKind router, long seed) {
        return new Simulator().run(scenario(m, router, seed), ProgressListener.NONE).pools().get(0).requests()
                .waitMsMean();
    }
}
