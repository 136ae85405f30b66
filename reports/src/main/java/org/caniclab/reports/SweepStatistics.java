package org.caniclab.reports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Per variant and figure: the number of runs that have it, mean, sample standard deviation and the Student-t 95 %
 * confidence interval of the mean (half-width {@code t(0.975, n−1) · sd / √n}; undefined for n < 2). Figures in
 * first-seen order over the runs in plan order, so the output does not depend on how runs were scheduled.
 *
 * <pre>{@code
 * for (SweepStatistics.Row row : SweepStatistics.aggregate(result)) {
 *     System.out.println(row.figure() + " " + row.mean() + " ± " + row.halfWidth());
 * }
 * }</pre>
 */
public final class SweepStatistics {
    /** The confidence level of every interval. */
    public static final double LEVEL = 0.95;

    private SweepStatistics() {}

    /** One variant's statistics of one figure; halfWidth, lo and hi are NaN when n < 2. */
    public record Row(int variant, String figure, int n, double mean, double sd, double halfWidth) {
        public double lo() {
            return mean - halfWidth;
        }

        public double hi() {
            return mean + halfWidth;
        }
    }

    public static List<Row> aggregate(SweepResult result) {
        // One pass over the runs, each value filed under its variant and figure in plan order.
        Map<Integer, Map<String, List<Double>>> byVariant = new HashMap<>();
        for (SweepResult.Run run : result.runs()) {
            Map<String, List<Double>> values = byVariant.computeIfAbsent(run.variant(), v -> new HashMap<>());
            run.figures().forEach((k, x) -> values.computeIfAbsent(k, key -> new ArrayList<>()).add(x));
        }
        List<String> figures = figures(result);
        List<Row> rows = new ArrayList<>();
        for (SweepResult.Variant v : result.variants()) {
            Map<String, List<Double>> values = byVariant.getOrDefault(v.index(), Map.of());
            for (String figure : figures) {
                List<Double> xs = values.get(figure);
                if (xs != null) {
                    rows.add(row(v.index(), figure, xs));
                }
            }
        }
        return rows;
    }

    /** Every figure any run has, in first-seen order over the runs in plan order. */
    public static List<String> figures(SweepResult result) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (SweepResult.Run run : result.runs()) {
            names.addAll(run.figures().keySet());
        }
        return List.copyOf(names);
    }

    static Row row(int variant, String figure, List<Double> xs) {
        int n = xs.size();
        double sum = 0;
        for (double x : xs) {
            sum += x;
        }
        double mean = sum / n;
        double ss = 0;
        for (double x : xs) {
            ss += (x - mean) * (x - mean);
        }
        double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN;
        return new Row(variant, figure, n, mean, sd, n > 1 ? tQuantile(n - 1) * sd / Math.sqrt(n) : Double.NaN);
    }

    /**
     * The two-sided 95 % Student-t quantile with {@code df} degrees of freedom. Remembered per {@code df}: every run of
     * a sweep with batch means asks for the same one or two, and the inverse distribution function's iterative solver
     * was a visible part of a short run's cost (and of the JIT's work while a sweep warms up).
     */
    public static double tQuantile(double df) {
        return T_QUANTILES.computeIfAbsent(df,
                d -> new TDistribution(null, d).inverseCumulativeProbability(0.5 + LEVEL / 2));
    }

    private static final ConcurrentHashMap<Double, Double> T_QUANTILES = new ConcurrentHashMap<>();
}
