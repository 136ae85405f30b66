package org.caniclab.bench.gate;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares two builds from interleaved JMH runs (written by {@code benchmarks/compare}): round k ran the
 * base jar and the candidate jar back to back, so both saw the same machine at nearly the same time.
 *
 * <p><b>Decision rule</b>, per benchmark and parameter combination present in every run:
 * <ol>
 *   <li>r_k = candidate's median iteration / base's median iteration, in round k.</li>
 *   <li><b>slower</b> when median(r) &gt; 1 + threshold and r_k &gt; 1 in every round but at most one;
 *       <b>faster</b> when median(r) &lt; 1 / (1 + threshold) and r_k &lt; 1 in every round but at most
 *       one; otherwise <b>same</b>. Pairing within a round cancels slow drifts of the machine; the
 *       "every round but one" condition keeps one disturbed round from deciding alone.</li>
 *   <li><b>allocates more</b> when the candidate's median bytes/op exceeds the base's, scaled by the
 *       median time ratio when that is above 1, by more than {@value #ALLOC_SLACK_BYTES} B/op or
 *       {@value #ALLOC_SLACK_FRACTION} of the base's bytes/op, whichever is larger. A real new
 *       allocation on every call costs at least 16 bytes. The scaling is for JMH's own bookkeeping, a
 *       few kilobytes per iteration: its share of bytes/op grows with the time per operation, so a
 *       benchmark that ran 2x slower in one build (a disturbed round) shows up to 2x its bookkeeping
 *       bytes too; seen at 13 → 32 B/op on the 2 ms linear scan. The fraction is for benchmarks whose
 *       operation allocates hundreds of kilobytes (a whole simulator replay): {@code -prof gc} counts
 *       the allocations of every thread, JMH's own included (about 90 KB per iteration beside those
 *       replays, spread over the few dozen of them an iteration holds, more when a collection falls
 *       in it), so the medians of two runs of one jar differ by up to 3.5 KB of 200 KB (1.8%). Below
 *       267 B/op the 8 bytes decide, so a 16-byte allocation per call stays visible on every
 *       benchmark that allocates less than 533.</li>
 * </ol>
 * Exit 1 when a benchmark is slower or allocates more, 0 otherwise, 2 on bad usage or files.
 *
 * <pre>
 * java -cp benchmarks.jar org.caniclab.bench.gate.Compare --threshold 0.25 \
 *     --base b1.json,b2.json,b3.json --candidate c1.json,c2.json,c3.json [--markdown compare.md]
 * </pre>
 */
public final class Compare {
    static final double ALLOC_SLACK_BYTES = 8;
    static final double ALLOC_SLACK_FRACTION = 0.03;

    private static final String USAGE = """
            usage: Compare --base FILE,FILE,... --candidate FILE,FILE,... [--threshold 0.25] [--markdown FILE]
              the i-th base file and the i-th candidate file are one round, run back to back""";

    /** The verdict on one benchmark. */
    enum Verdict {
        SAME,
        FASTER,
        SLOWER
    }

    /** One benchmark at one parameter combination across the rounds. */
    record Row(String benchmark, String params, double[] ratios, double medianRatio, Verdict verdict,
            Double baseBytes, Double candidateBytes, boolean allocatesMore) {
        boolean regressed() {
            return verdict == Verdict.SLOWER || allocatesMore;
        }
    }

    private Compare() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            List<String> base = null;
            List<String> candidate = null;
            double threshold = 0.25;
            Path markdown = null;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String v = i + 1 < args.length ? args[i + 1] : null;
                switch (a) {
                    case "--base" -> base = files(v, a);
                    case "--candidate" -> candidate = files(v, a);
                    case "--threshold" -> threshold = threshold(v);
                    case "--markdown" -> markdown = Path.of(require(v, a));
                    default -> throw new BadInputException("unknown argument '" + a + "'\n" + USAGE);
                }
                i++;
            }
            if (base == null || candidate == null || base.size() != candidate.size()) {
                throw new BadInputException("--base and --candidate need the same number of files\n" + USAGE);
            }
            List<List<BenchmarkResult>> b = new ArrayList<>();
            List<List<BenchmarkResult>> c = new ArrayList<>();
            for (int k = 0; k < base.size(); k++) {
                b.add(JmhResults.read(Path.of(base.get(k))).results());
                c.add(JmhResults.read(Path.of(candidate.get(k))).results());
            }
            List<Row> rows = compare(b, c, threshold);
            String table = table(rows, threshold);
            if (markdown != null) {
                GateCheck.writeAtomically(markdown, "# canic-lab: candidate vs base\n\n" + table);
            }
            out.print(table);
            long regressed = rows.stream().filter(Row::regressed).count();
            out.println();
            out.println("compare: " + (rows.size() - regressed) + " same or better, " + regressed + " regressed");
            return regressed > 0 ? GateCheck.FAILED : GateCheck.PASSED;
        } catch (BadInputException | IllegalArgumentException | IOException e) {
            err.println("error: " + e.getMessage());
            return GateCheck.BAD_INPUT;
        }
    }

    /** Applies the decision rule; rounds are the lists' indexes. Rows in the table's order. */
    static List<Row> compare(List<List<BenchmarkResult>> base, List<List<BenchmarkResult>> candidate,
            double threshold) {
        int rounds = base.size();
        Map<String, BenchmarkResult[]> byKey = new LinkedHashMap<>();
        List<BenchmarkResult> first = new ArrayList<>(base.get(0));
        first.sort(ResultsTable.ORDER);
        for (BenchmarkResult r : first) {
            byKey.put(key(r), new BenchmarkResult[2 * rounds]);
        }
        for (int k = 0; k < rounds; k++) {
            for (BenchmarkResult r : base.get(k)) {
                BenchmarkResult[] slot = byKey.get(key(r));
                if (slot != null) {
                    slot[2 * k] = r;
                }
            }
            for (BenchmarkResult r : candidate.get(k)) {
                BenchmarkResult[] slot = byKey.get(key(r));
                if (slot != null) {
                    slot[2 * k + 1] = r;
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (BenchmarkResult[] slot : byKey.values()) {
            if (Arrays.stream(slot).anyMatch(x -> x == null)) {
                continue; // not in every run: nothing to pair
            }
            double[] ratios = new double[rounds];
            double[] baseBytes = new double[rounds];
            double[] candBytes = new double[rounds];
            boolean bytesKnown = true;
            for (int k = 0; k < rounds; k++) {
                ratios[k] = slot[2 * k + 1].nanosPerOp() / slot[2 * k].nanosPerOp();
                bytesKnown &= slot[2 * k].bytesPerOp() != null && slot[2 * k + 1].bytesPerOp() != null;
                if (bytesKnown) {
                    baseBytes[k] = slot[2 * k].bytesPerOp();
                    candBytes[k] = slot[2 * k + 1].bytesPerOp();
                }
            }
            double med = median(ratios);
            long above = Arrays.stream(ratios).filter(r -> r > 1).count();
            long below = Arrays.stream(ratios).filter(r -> r < 1).count();
            Verdict v = med > 1 + threshold && above >= rounds - 1 ? Verdict.SLOWER
                    : med < 1 / (1 + threshold) && below >= rounds - 1 ? Verdict.FASTER
                    : Verdict.SAME;
            Double bb = bytesKnown ? median(baseBytes) : null;
            Double cb = bytesKnown ? median(candBytes) : null;
            boolean more = bytesKnown
                    && cb - bb * Math.max(1, med) > Math.max(ALLOC_SLACK_BYTES, ALLOC_SLACK_FRACTION * bb);
            rows.add(new Row(slot[0].shortName(), slot[0].paramsText(), ratios, med, v, bb, cb, more));
        }
        return rows;
    }

    static String table(List<Row> rows, double threshold) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT,
                "Ratio: candidate / base, median iteration, per round; slower or faster beyond %.0f%%"
                        + " in the median and in every round but one.%n%n", threshold * 100));
        b.append("| benchmark | params | ratio per round | median ratio | verdict | bytes/op base → candidate |\n");
        b.append("|---|---|---|---:|---|---|\n");
        for (Row r : rows) {
            StringBuilder per = new StringBuilder();
            for (double x : r.ratios()) {
                per.append(per.length() == 0 ? "" : " ").append(Format.ratio(x));
            }
            b.append("| ").append(r.benchmark()).append(" | ").append(r.params())
                    .append(" | ").append(per)
                    .append(" | ").append(Format.ratio(r.medianRatio())).append("x")
                    .append(" | ").append(r.verdict().name().toLowerCase(Locale.ROOT))
                    .append(" | ").append(r.baseBytes() == null ? "—"
                            : Format.bytes(r.baseBytes()) + " → " + Format.bytes(r.candidateBytes())
                                    + (r.allocatesMore() ? " (more)" : ""))
                    .append(" |\n");
        }
        return b.toString();
    }

    private static String key(BenchmarkResult r) {
        return r.benchmark() + " " + r.params();
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static String require(String v, String option) {
        if (v == null || v.startsWith("--")) {
            throw new BadInputException(option + " needs a value\n" + USAGE);
        }
        return v;
    }

    private static List<String> files(String v, String option) {
        return List.of(require(v, option).split(","));
    }

    private static double threshold(String v) {
        double t;
        try {
            t = Double.parseDouble(require(v, "--threshold"));
        } catch (NumberFormatException e) {
            throw new BadInputException("--threshold '" + v + "' is not a number; accepted: 0 < t < 1, e.g. 0.25");
        }
        if (!(t > 0 && t < 1)) {
            throw new BadInputException("--threshold " + v + "; accepted: 0 < t < 1, e.g. 0.25");
        }
        return t;
    }
}
