package org.caniclab.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.caniclab.core.config.ScalePool;
import org.caniclab.core.config.ScalePoolPolicy;
import org.caniclab.core.config.ScalingConfig;
import org.caniclab.core.driver.HubCall;
import org.caniclab.core.ic.CanisterRole;
import org.caniclab.core.verify.Exploration;
import org.caniclab.core.verify.ScheduleExplorer;
import org.caniclab.core.workflow.ConcurrencyMode;

/**
 * The schedule explorer at scale: K concurrent {@code create_worker} calls on one pool (initial 1, min 3, max 3)
 * plus the init-time bootstrap, with root allowed two failures (a rejection or a transport failure each), in both
 * concurrency modes. Prints, per case, the explorer's own counters (distinct states, transitions, steps executed,
 * schedules covered), the verdict, the worst overshoot and the wall time of one search after one warm-up search,
 * next to the naive search ({@code Reduction.NONE}) for the sizes it finishes within its time budget.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar org.caniclab.bench.ExplorerBenchmark            # K = 12, both modes
 * java -cp benchmarks/target/benchmarks.jar org.caniclab.bench.ExplorerBenchmark 1 12 30    # K = 1..12, naive <= 30 s
 * java -cp benchmarks/target/benchmarks.jar org.caniclab.bench.ExplorerBenchmark 12 12 0 memory
 * }</pre>
 *
 * <p>Arguments: smallest K, largest K (default 12 12), the naive search's time budget in seconds (default 10; 0
 * skips it), and {@code memory} to also measure the bytes the cache retains per state (by a full GC at every
 * progress report, so that run is not timed).
 */
public final class ExplorerBenchmark {
    private ExplorerBenchmark() {}

    public static void main(String[] args) {
        int from = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        int to = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        int naiveSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        boolean memory = args.length > 3 && args[3].equals("memory");
        System.out.println("K create_worker + bootstrap, 2 failures (rejection | transport), pool initial 1 min 3 max 3");
        System.out.printf(Locale.ROOT, "%-12s %3s %-9s %10s %12s %12s %22s %-12s %5s %9s%n", "mode", "K", "reduction",
                "states", "transitions", "steps", "schedules", "verdict", "worst", "ms");
        for (ConcurrencyMode mode : ConcurrencyMode.values()) {
            boolean naiveGaveUp = naiveSeconds == 0;
            for (int k = from; k <= to; k++) {
                run(mode, k, ScheduleExplorer.Reduction.FULL, 0, memory);
                if (!naiveGaveUp) {
                    Exploration e = run(mode, k, ScheduleExplorer.Reduction.NONE, naiveSeconds, false);
                    naiveGaveUp = !e.exhaustive();
                }
            }
        }
    }

    static ScheduleExplorer explorer(ConcurrencyMode mode, int k, ScheduleExplorer.Reduction reduction,
            int seconds, ScheduleExplorer.Progress progress) {
        List<HubCall> calls = new ArrayList<>();
        calls.add(new HubCall.Bootstrap());
        for (int i = 0; i < k; i++) {
            calls.add(new HubCall.CreateWorker("api"));
        }
        ScalingConfig cfg = ScalingConfig.builder()
                .pool("api", new ScalePool(new CanisterRole("api_worker"), new ScalePoolPolicy(1, 3, 3))).build();
        return ScheduleExplorer.builder().config(cfg).mode(mode).call(calls.toArray(HubCall[]::new))
                .failureBudget(2)
                .failureErrors(ScheduleExplorer.ROOT_REJECTION, ScheduleExplorer.TRANSPORT_FAILURE)
                .reduction(reduction)
                .timeBudget(seconds == 0 ? null : java.time.Duration.ofSeconds(seconds))
                .progress(progress)
                .build();
    }

    private static Exploration run(ConcurrencyMode mode, int k, ScheduleExplorer.Reduction reduction, int seconds,
            boolean memory) {
        explorer(mode, k, reduction, seconds, null).explore(); // warm-up: the JIT compiles the workflow's path
        long start = System.nanoTime();
        Exploration e = explorer(mode, k, reduction, seconds, null).explore();
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.printf(Locale.ROOT, "%-12s %3d %-9s %10d %12d %12d %22s %-12s %5d %9d%s%n", mode.label(), k,
                reduction.label(), e.states(), e.transitions(), e.steps(),
                e.schedules() < 0 ? "-" : e.schedules() == Long.MAX_VALUE ? ">= 9.2e18" : String.valueOf(e.schedules()),
                e.verdict().label(), e.worstOvershoot(), ms,
                e.exhaustive() ? "" : " (cut: " + e.stop().label() + (e.truncated() ? ", max steps" : "") + ")");
        if (memory) {
            long[] sample = new long[2];
            long base = usedAfterGc();
            explorer(mode, k, reduction, 0, (states, transitions, depth) -> {
                sample[0] = states;
                sample[1] = usedAfterGc() - base;
            }).explore();
            if (sample[0] > 0) {
                System.out.printf(Locale.ROOT, "    retained heap at %d states: %d bytes, %d bytes/state%n", sample[0],
                        sample[1], sample[1] / sample[0]);
            }
        }
        return e;
    }

    private static long usedAfterGc() {
        System.gc();
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed();
    }
}
