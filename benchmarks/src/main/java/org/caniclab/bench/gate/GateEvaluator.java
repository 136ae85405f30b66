package org.caniclab.bench.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.caniclab.bench.gate.GateOutcome.Verdict;

/**
 * Checks the gates of a {@link GateFile} against one run's results, and finds each result's reference
 * for the table. Pure: results in, outcomes out.
 *
 * <p>A gate that selects no result fails ("no result"): a renamed benchmark or a narrowed profile must
 * not turn a gate off silently. {@code allowMissing} turns that into a skip, for runs of a subset.
 */
final class GateEvaluator {
    private final GateFile file;
    private final List<BenchmarkResult> results;

    GateEvaluator(GateFile file, List<BenchmarkResult> results) {
        this.file = file;
        this.results = List.copyOf(results);
    }

    /** Every gate's outcomes, in file order (ratio gates first), one per selected result. */
    List<GateOutcome> evaluate(boolean allowMissing) {
        List<GateOutcome> out = new ArrayList<>();
        for (Gate gate : file.gates()) {
            List<BenchmarkResult> selected = results.stream().filter(gate::selects).toList();
            if (selected.isEmpty()) {
                String params = gate.params().isEmpty() ? "" : new TreeMap<>(gate.params()).toString();
                out.add(new GateOutcome(gate.name(), gate.benchmark(), params, "—", limit(gate),
                        allowMissing ? Verdict.SKIPPED : Verdict.FAIL,
                        "no result matches; is the benchmark in the run's selection?"));
                continue;
            }
            for (BenchmarkResult r : selected) {
                out.add(gate instanceof Gate.Ratio g ? ratio(g, r) : allocation((Gate.Allocation) gate, r));
            }
        }
        return out;
    }

    /**
     * The reference result of {@code r}: the result of the benchmark named in {@code [references]} whose
     * parameters agree with {@code r}'s, or null when {@code r} has no reference or it was not run.
     */
    BenchmarkResult referenceOf(BenchmarkResult r) {
        String ref = file.references().get(r.shortName());
        return ref == null ? null : find(ref, r.params());
    }

    /** True when some benchmark names {@code r}'s benchmark as its reference. */
    boolean isReference(BenchmarkResult r) {
        return file.references().containsValue(r.shortName());
    }

    private GateOutcome ratio(Gate.Ratio g, BenchmarkResult r) {
        Map<String, String> wanted = new TreeMap<>(r.params());
        wanted.putAll(g.baselineParams());
        BenchmarkResult base = find(g.baseline(), wanted);
        if (base == null) {
            return new GateOutcome(g.name(), r.shortName(), r.paramsText(), "—", limit(g), Verdict.FAIL,
                    "baseline " + g.baseline() + " " + wanted + " is not in the results");
        }
        double ratio = r.nanosPerOp() / base.nanosPerOp();
        boolean tooLow = g.minRatio() != null && !(ratio >= g.minRatio());
        boolean tooHigh = g.maxRatio() != null && !(ratio <= g.maxRatio());
        String measured = Format.ratio(ratio) + "x";
        String against = "vs " + base.shortName() + (base.params().isEmpty() ? "" : " " + base.paramsText());
        if (tooLow || tooHigh) {
            return new GateOutcome(g.name(), r.shortName(), r.paramsText(), measured, limit(g), Verdict.FAIL,
                    against + ": " + Format.time(r.nanosPerOp()) + " over " + Format.time(base.nanosPerOp())
                            + (tooHigh ? "; slower than allowed" : "; not as far ahead as required"));
        }
        return new GateOutcome(g.name(), r.shortName(), r.paramsText(), measured, limit(g), Verdict.PASS, against);
    }

    private static GateOutcome allocation(Gate.Allocation g, BenchmarkResult r) {
        if (r.bytesPerOp() == null) {
            return new GateOutcome(g.name(), r.shortName(), r.paramsText(), "—", limit(g), Verdict.FAIL,
                    "no " + JmhResults.ALLOC_NORM + " in the results; run JMH with -prof gc");
        }
        double bytes = r.bytesPerOp();
        String measured = Format.bytes(bytes) + " B/op";
        if (!(bytes <= g.maxBytesPerOp())) {
            return new GateOutcome(g.name(), r.shortName(), r.paramsText(), measured, limit(g), Verdict.FAIL,
                    "allocates more per operation than allowed");
        }
        return new GateOutcome(g.name(), r.shortName(), r.paramsText(), measured, limit(g), Verdict.PASS, "");
    }

    // Parameters agree when every parameter the candidate has is wanted with the same value: a reference
    // from another class may have fewer parameters than the benchmark it is the reference of.
    private BenchmarkResult find(String shortName, Map<String, String> wanted) {
        for (BenchmarkResult c : results) {
            if (c.shortName().equals(shortName) && agrees(c.params(), wanted)) {
                return c;
            }
        }
        return null;
    }

    private static boolean agrees(Map<String, String> candidate, Map<String, String> wanted) {
        for (Map.Entry<String, String> e : candidate.entrySet()) {
            if (!e.getValue().equals(wanted.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static String limit(Gate gate) {
        if (gate instanceof Gate.Allocation g) {
            return "≤ " + Format.bytes(g.maxBytesPerOp()) + " B/op";
        }
        Gate.Ratio g = (Gate.Ratio) gate;
        if (g.minRatio() != null && g.maxRatio() != null) {
            return Format.ratio(g.minRatio()) + "x ≤ r ≤ " + Format.ratio(g.maxRatio()) + "x";
        }
        return g.minRatio() != null ? "≥ " + Format.ratio(g.minRatio()) + "x" : "≤ " + Format.ratio(g.maxRatio()) + "x";
    }
}
