package org.caniclab.bench.gate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The Markdown report of a run: one row per result with its ratio to its reference and its bytes per
 * operation, then the gates' outcomes.
 */
final class ResultsTable {
    private ResultsTable() {}

    /** Results by benchmark name, then parameters, numbers compared as numbers (10 before 1000). */
    static final Comparator<BenchmarkResult> ORDER = Comparator.comparing((BenchmarkResult r) -> r.shortName())
            .thenComparing((x, y) -> compareParams(x.params(), y.params()));

    /** The whole report: title, run description, results table and gate table. */
    static String markdown(JmhResults.Run run, GateEvaluator evaluator, List<GateOutcome> outcomes) {
        StringBuilder b = new StringBuilder();
        b.append("# canic-lab benchmark results\n\n");
        b.append(run.description()).append(".\n\n");
        b.append("Score: JMH's mean over the measurement iterations, with its 99.9% error. Median: the median")
                .append(" iteration, which the ratios and gates use. Ratio: this benchmark's median time per")
                .append(" operation over its reference's, same parameters, same run (below 1: faster than the")
                .append(" reference). Bytes/op: `gc.alloc.rate.norm` of `-prof gc`, median iteration.\n\n");
        b.append(results(run.results(), evaluator));
        b.append("\n## Gates\n\n");
        b.append(gates(outcomes));
        return b.toString();
    }

    /** The results table alone. */
    static String results(List<BenchmarkResult> results, GateEvaluator evaluator) {
        List<BenchmarkResult> sorted = new ArrayList<>(results);
        sorted.sort(ORDER);
        StringBuilder b = new StringBuilder();
        b.append("| benchmark | params | score | error | median | unit | ratio to reference | bytes/op |\n");
        b.append("|---|---|---:|---:|---:|---|---:|---:|\n");
        for (BenchmarkResult r : sorted) {
            b.append("| ").append(r.shortName())
                    .append(" | ").append(r.paramsText())
                    .append(" | ").append(Format.score(r.score()))
                    .append(" | ").append(Double.isNaN(r.error()) ? "—" : "± " + Format.score(r.error()))
                    .append(" | ").append(Format.score(r.median()))
                    .append(" | ").append(r.unit())
                    .append(" | ").append(ratioCell(r, evaluator))
                    .append(" | ").append(r.bytesPerOp() == null ? "—" : Format.bytes(r.bytesPerOp()))
                    .append(" |\n");
        }
        return b.toString();
    }

    /** The gate outcomes; {@code onlyFailed} keeps the failures, for the report of what broke. */
    static String gates(List<GateOutcome> outcomes, boolean onlyFailed) {
        StringBuilder b = new StringBuilder();
        b.append("| gate | benchmark | params | measured | limit | verdict | note |\n");
        b.append("|---|---|---|---:|---|---|---|\n");
        for (GateOutcome o : outcomes) {
            if (onlyFailed && !o.failed()) {
                continue;
            }
            b.append("| ").append(o.gate())
                    .append(" | ").append(o.benchmark())
                    .append(" | ").append(o.params())
                    .append(" | ").append(o.measured())
                    .append(" | ").append(o.limit())
                    .append(" | ").append(o.verdict())
                    .append(" | ").append(o.note())
                    .append(" |\n");
        }
        return b.toString();
    }

    static String gates(List<GateOutcome> outcomes) {
        return gates(outcomes, false);
    }

    private static String ratioCell(BenchmarkResult r, GateEvaluator evaluator) {
        BenchmarkResult ref = evaluator.referenceOf(r);
        if (ref != null) {
            // The reference's method name when it is in the same class, as it almost always is.
            String refName = sameClass(ref, r) ? ref.shortName().substring(ref.shortName().indexOf('.') + 1)
                    : ref.shortName();
            return Format.ratio(r.nanosPerOp() / ref.nanosPerOp()) + "x " + refName;
        }
        return evaluator.isReference(r) ? "reference" : "—";
    }

    private static boolean sameClass(BenchmarkResult a, BenchmarkResult b) {
        String ca = a.shortName().substring(0, a.shortName().indexOf('.'));
        String cb = b.shortName().substring(0, b.shortName().indexOf('.'));
        return ca.equals(cb);
    }

    private static int compareParams(Map<String, String> a, Map<String, String> b) {
        Iterator<Map.Entry<String, String>> ia = a.entrySet().iterator();
        Iterator<Map.Entry<String, String>> ib = b.entrySet().iterator();
        while (ia.hasNext() && ib.hasNext()) {
            Map.Entry<String, String> ea = ia.next();
            Map.Entry<String, String> eb = ib.next();
            int c = ea.getKey().compareTo(eb.getKey());
            if (c == 0) {
                c = compareValues(ea.getValue(), eb.getValue());
            }
            if (c != 0) {
                return c;
            }
        }
        return Boolean.compare(ia.hasNext(), ib.hasNext());
    }

    private static int compareValues(String a, String b) {
        try {
            return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }
}
