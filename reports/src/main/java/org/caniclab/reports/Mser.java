package org.caniclab.reports;

import java.util.ArrayList;
import java.util.List;

/**
 * MSER-5 (White 1997; Franklin and White 2008): the warm-up to delete from an output series. The series is cut into
 * batches of 5 consecutive samples (a remainder at the end is left out); for each d from 0 to half the batches, the
 * standard error of the mean of the batch means after the first d, {@code Σ_{j>d} (Z_j − Z̄_d)² / (m − d)²}; the
 * suggested truncation is the first d that minimises it, i.e. 5·d samples. Applied here to each pool's queue depth of
 * the timeline; the run's suggestion is the latest over its pools.
 *
 * <pre>{@code
 * int samples = Mser.truncation(queueDepths);   // delete the first `samples` samples
 * double warmupSeconds = Mser.suggestedWarmupSeconds(result);
 * }</pre>
 */
public final class Mser {
    /** Samples per batch. */
    public static final int BATCH = 5;

    private Mser() {}

    /** How many leading samples of {@code xs} MSER-5 deletes: a multiple of 5; 0 for fewer than 2 batches. */
    public static int truncation(double[] xs) {
        int m = xs.length / BATCH;
        if (m < 2) {
            return 0;
        }
        double[] z = new double[m];
        for (int j = 0; j < m; j++) {
            double s = 0;
            for (int i = 0; i < BATCH; i++) {
                s += xs[j * BATCH + i];
            }
            z[j] = s / BATCH;
        }
        int best = 0;
        double bestValue = Double.POSITIVE_INFINITY;
        for (int d = 0; d <= m / 2; d++) {
            double sum = 0;
            for (int j = d; j < m; j++) {
                sum += z[j];
            }
            double mean = sum / (m - d);
            double ss = 0;
            for (int j = d; j < m; j++) {
                ss += (z[j] - mean) * (z[j] - mean);
            }
            double value = ss / ((double) (m - d) * (m - d));
            if (value < bestValue) {
                bestValue = value;
                best = d;
            }
        }
        return best * BATCH;
    }

    /**
     * The latest over the run's pools of the time of the first sample MSER-5 keeps of the pool's queue depth, in
     * seconds; 0 when nothing is to be deleted (or the timeline is too short to say).
     */
    public static double suggestedWarmupSeconds(RunResult result) {
        List<String> pools = new ArrayList<>();
        for (PoolSummary p : result.pools()) {
            pools.add(p.name());
        }
        long latest = 0;
        for (String pool : pools) {
            List<TimelineRow> rows = new ArrayList<>();
            for (TimelineRow r : result.timeline()) {
                if (r.pool().equals(pool)) {
                    rows.add(r);
                }
            }
            double[] depth = new double[rows.size()];
            for (int i = 0; i < depth.length; i++) {
                depth[i] = rows.get(i).queueDepth();
            }
            int cut = truncation(depth);
            if (cut > 0) {
                latest = Math.max(latest, rows.get(cut).timeNanos());
            }
        }
        return latest / 1e9;
    }
}
