package org.caniclab.reports;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code replay} warns about a run's length, one line per problem: the batch means say the run is too short
 * (a lag-1 correlation above {@link BatchMeans#MAX_LAG1} or a half-width above
 * {@link BatchMeans#MAX_RELATIVE_HALF_WIDTH} of the mean, for the worst pool and figure, with how much longer to make
 * it), or {@code run.warmup} is shorter than MSER-5's suggestion ({@link Mser}).
 *
 * <pre>{@code
 * for (String line : RunLengthAdvice.warnings(result)) {
 *     System.err.println(line);
 * }
 * }</pre>
 */
public final class RunLengthAdvice {
    private RunLengthAdvice() {}

    /** At most two lines, each starting with {@code warning: }; none when the run looks long enough. */
    public static List<String> warnings(RunResult result) {
        List<String> out = new ArrayList<>();
        batchMeans(result).ifPresent(out::add);
        double suggested = Mser.suggestedWarmupSeconds(result);
        double warmup = result.header().warmupSeconds();
        if (suggested > warmup) {
            out.add("warning: run.warmup " + seconds(warmup) + " is shorter than the suggested warm-up "
                    + seconds(suggested) + " (MSER-5 on the sampled queue depth); set run.warmup = \""
                    + seconds(suggested) + "\" or longer");
        }
        return out;
    }

    private static java.util.Optional<String> batchMeans(RunResult result) {
        double worst = 1;
        String what = null;
        BatchMeans.Estimate at = null;
        for (PoolSummary p : result.pools()) {
            if (p.requests().batchMeans().isEmpty()) {
                continue;
            }
            BatchMeans b = p.requests().batchMeans().get();
            for (var e : List.of(java.util.Map.entry("wait", b.waitEstimate()),
                    java.util.Map.entry("latency", b.latencyEstimate()))) {
                double f = e.getValue().lengthenFactor();
                if (f > worst) {
                    worst = f;
                    what = "pools." + p.name() + " mean " + e.getKey();
                    at = e.getValue();
                }
            }
        }
        if (at == null) {
            return java.util.Optional.empty();
        }
        double window = result.header().simulatedSeconds() - result.header().warmupSeconds();
        double duration = result.header().warmupSeconds() + window * worst;
        return java.util.Optional.of(String.format(Locale.ROOT, "warning: the run is too short for its batch means "
                + "(%s: lag-1 correlation %.2f, limit %.1f; half-width %.1f%% of the mean, limit %.0f%%); "
                + "lengthen the measured window about %sx: run.duration = \"%s\"", what, at.lag1(), BatchMeans.MAX_LAG1,
                100 * at.relativeHalfWidth(), 100 * BatchMeans.MAX_RELATIVE_HALF_WIDTH,
                at.lengthenText(),
                seconds(Math.ceil(duration))));
    }

    private static String seconds(double s) {
        return new BigDecimal(s).round(new MathContext(6)).stripTrailingZeros().toPlainString() + "s";
    }
}
