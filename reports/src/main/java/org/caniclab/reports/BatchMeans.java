package org.caniclab.reports;

import java.util.List;

/**
 * The batch means of one long run ({@code run.batches = B}): the measured window cut into B equal slices of
 * simulated time, a request counted in the slice of its arrival, and per slice the mean wait and mean latency. Their
 * mean, Student-t 95 % interval ({@code t(0.975, k−1) · sd / √k} over the k non-empty batches) and lag-1
 * correlation say how precise the run's means are and whether the batches are long enough to be nearly
 * independent.
 *
 * <pre>{@code
 * BatchMeans b = new BatchMeans(20, waitMsPerBatch, latencyMsPerBatch);
 * BatchMeans.Estimate w = b.waitEstimate();
 * System.out.println(w.mean() + " ± " + w.halfWidth() + " (lag-1 " + w.lag1() + ")");
 * }</pre>
 *
 * @param batches B as configured
 * @param waitMs the mean wait (ms) of each non-empty batch, in time order
 * @param latencyMs the mean latency (ms) of each non-empty batch, in time order
 */
public record BatchMeans(int batches, List<Double> waitMs, List<Double> latencyMs) {
    /** Lag-1 correlation of the batch means above which the batches are too short to be taken as independent. */
    public static final double MAX_LAG1 = 0.2;
    /** Relative half-width (half-width / |mean|) above which the run is too short for its means. */
    public static final double MAX_RELATIVE_HALF_WIDTH = 0.10;

    public BatchMeans {
        waitMs = List.copyOf(waitMs);
        latencyMs = List.copyOf(latencyMs);
    }

    public Estimate waitEstimate() {
        return Estimate.of(waitMs);
    }

    public Estimate latencyEstimate() {
        return Estimate.of(latencyMs);
    }

    /**
     * A batch-means estimate: k batches, their mean, the 95 % half-width and the lag-1 correlation of the series
     * (NaN when k < 2, or k < 3 for the correlation, or the batches do not vary).
     */
    public record Estimate(int n, double mean, double halfWidth, double lag1) {
        public double lo() {
            return mean - halfWidth;
        }

        public double hi() {
            return mean + halfWidth;
        }

        /** Half-width over |mean|; NaN when undefined. */
        public double relativeHalfWidth() {
            return mean != 0 ? halfWidth / Math.abs(mean) : Double.NaN;
        }

        /**
         * How many times longer the measured window should be for this estimate to pass both checks: the
         * half-width shrinks as 1/√length, so reaching {@link #MAX_RELATIVE_HALF_WIDTH} takes
         * (relative / max)²; the lag-1 correlation of batch means falls about as 1/(batch length) for a
         * short-memory process, so reaching {@link #MAX_LAG1} with as many batches takes lag1 / max. 1 when both
         * pass (or are undefined).
         */
        public double lengthenFactor() {
            double f = 1;
            double rel = relativeHalfWidth();
            if (rel > MAX_RELATIVE_HALF_WIDTH) {
                f = Math.max(f, (rel / MAX_RELATIVE_HALF_WIDTH) * (rel / MAX_RELATIVE_HALF_WIDTH));
            }
            if (lag1 > MAX_LAG1) {
                f = Math.max(f, lag1 / MAX_LAG1);
            }
            return f;
        }

        /**
         * {@link #lengthenFactor()} rounded up to a tenth, as tables and {@code replay}'s warning print it:
         * {@code "1.5"}.
         */
        public String lengthenText() {
            return new java.math.BigDecimal(Math.ceil(lengthenFactor() * 10) / 10)
                    .round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
        }

        /** What a table says of this estimate: {@code ok}, or {@code lengthen ~1.5x} (see {@link #lengthenFactor()}). */
        public String verdict() {
            return lengthenFactor() > 1 ? "lengthen ~" + lengthenText() + "x" : "ok";
        }

        static Estimate of(List<Double> xs) {
            int n = xs.size();
            if (n == 0) {
                return new Estimate(0, Double.NaN, Double.NaN, Double.NaN);
            }
            double sum = 0;
            for (double x : xs) {
                sum += x;
            }
            double mean = sum / n;
            double ss = 0;
            for (double x : xs) {
                ss += (x - mean) * (x - mean);
            }
            double half = n > 1 ? SweepStatistics.tQuantile(n - 1) * Math.sqrt(ss / (n - 1)) / Math.sqrt(n)
                    : Double.NaN;
            double lag = Double.NaN;
            if (n > 2 && ss > 0) {
                double cross = 0;
                for (int i = 1; i < n; i++) {
                    cross += (xs.get(i) - mean) * (xs.get(i - 1) - mean);
                }
                lag = cross / ss;
            }
            return new Estimate(n, mean, half, lag);
        }
    }
}
