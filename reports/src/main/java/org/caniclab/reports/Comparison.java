package org.caniclab.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * {@code caniclab compare}: two run folders ({@code summary.json}) or two sweep folders ({@code sweep.json} and
 * {@code runs.csv}) side by side. For runs, every figure both summaries have with {@code b − a}. For sweeps, per
 * variant both sweeps ran (matched by the values of their varied keys) and figure: the two means, their difference
 * and its 95 % interval — paired by replication when both sweeps used the same seeds (common random numbers: the
 * interval of the mean of the per-replication differences), Welch's otherwise (Welch–Satterthwaite degrees of
 * freedom) — and whether the interval excludes 0.
 *
 * <pre>{@code
 * Comparison c = Comparison.of(Path.of("out/a-sweep"), Path.of("out/b-sweep"));
 * System.out.print(c.markdown());
 * c.writeCsv(Path.of("diff.csv"));
 * }</pre>
 *
 * @param sweeps whether the folders are sweeps
 * @param rows in a's figure order (sweeps: variant by variant)
 */
public record Comparison(boolean sweeps, List<Row> rows) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public Comparison {
        rows = List.copyOf(rows);
    }

    /** Paired by replication, or Welch's unequal-variance interval; {@code NONE} for runs. */
    public enum Method { NONE, PAIRED, WELCH }

    /**
     * One figure (of one variant, for sweeps).
     *
     * @param variant the variant's {@code key=value, ...}; empty for runs and for sweeps that vary nothing
     * @param lo the lower end of the difference's 95 % interval; NaN for runs or when undefined
     */
    public record Row(String variant, String figure, double a, double b, double difference, double lo, double hi,
            Method method) {
        /** Whether the interval lies wholly on one side of 0. */
        public boolean excludesZero() {
            return lo > 0 || hi < 0;
        }
    }

    /** A folder that is neither a run nor a sweep, an unreadable file, or two folders of different kinds. */
    public static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Invalid(String message) {
            super(message);
        }
    }

    /**
     * Reads and compares two folders.
     *
     * @throws Invalid with a one-line message naming the folder or file and what is accepted
     */
    public static Comparison of(Path a, Path b) {
        boolean sweepA = isSweep(a);
        boolean sweepB = isSweep(b);
        if (sweepA != sweepB) {
            throw new Invalid((sweepA ? b : a) + " is a run folder and " + (sweepA ? a : b) + " a sweep folder; "
                    + "accepted: two run folders or two sweep folders");
        }
        return sweepA ? sweeps(Sweep.read(a), Sweep.read(b)) : runs(summary(a), summary(b));
    }

    private static boolean isSweep(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new Invalid(dir + " is not a folder; accepted: a run folder (summary.json) or a sweep folder "
                    + "(sweep.json, runs.csv)");
        }
        if (Files.isRegularFile(dir.resolve("sweep.json"))) {
            return true;
        }
        if (Files.isRegularFile(dir.resolve("summary.json"))) {
            return false;
        }
        throw new Invalid(dir + " holds neither summary.json nor sweep.json; accepted: a run folder (summary.json) "
                + "or a sweep folder (sweep.json, runs.csv)");
    }

    private static JsonNode json(Path file) {
        try {
            JsonNode n = MAPPER.readTree(file.toFile());
            if (n == null || !n.isObject()) {
                throw new Invalid(file + " is not a JSON object; accepted: a file caniclab wrote");
            }
            return n;
        } catch (IOException e) {
            throw new Invalid(file + " is not readable JSON (" + oneLine(e.getMessage()) + "); accepted: a file "
                    + "caniclab wrote");
        }
    }

    private static Map<String, Double> summary(Path dir) {
        return SummaryScalars.of(json(dir.resolve("summary.json")));
    }

    /** Every figure both runs have, in a's order, with b − a. */
    static Comparison runs(Map<String, Double> a, Map<String, Double> b) {
        List<Row> rows = new ArrayList<>();
        a.forEach((figure, x) -> {
            Double y = b.get(figure);
            if (y != null) {
                rows.add(new Row("", figure, x, y, y - x, Double.NaN, Double.NaN, Method.NONE));
            }
        });
        return new Comparison(false, rows);
    }

    /** A sweep as read back from its folder: seeds, and per variant label its runs' figures by replication. */
    record Sweep(List<Long> seeds, LinkedHashMap<String, List<Map<String, Double>>> variants) {
        static Sweep read(Path dir) {
            JsonNode plan = json(dir.resolve("sweep.json"));
            List<Long> seeds = new ArrayList<>();
            for (JsonNode s : plan.path("seeds")) {
                seeds.add(s.asLong());
            }
            List<String> keys = new ArrayList<>();
            for (JsonNode v : plan.path("vary")) {
                keys.add(v.path("key").asText());
            }
            Path runs = dir.resolve("runs.csv");
            LinkedHashMap<String, List<Map<String, Double>>> variants = new LinkedHashMap<>();
            try (Reader in = Files.newBufferedReader(runs, StandardCharsets.UTF_8);
                    CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                            .parse(in)) {
                List<String> header = csv.getHeaderNames();
                for (String k : keys) {
                    if (!header.contains(k)) {
                        throw new Invalid(runs + " has no column '" + k + "' of sweep.json's vary; accepted: the "
                                + "runs.csv of the same sweep");
                    }
                }
                if (!header.contains("replication")) {
                    throw new Invalid(runs + " has no column 'replication'; accepted: a runs.csv caniclab wrote");
                }
                int first = keys.size() + 2; // the varied values, replication, seed, then the figures
                for (CSVRecord r : csv) {
                    StringBuilder label = new StringBuilder();
                    for (String k : keys) {
                        label.append(label.length() > 0 ? ", " : "").append(k).append('=').append(r.get(k));
                    }
                    Map<String, Double> figures = new LinkedHashMap<>();
                    for (int i = first; i < header.size() && i < r.size(); i++) {
                        String cell = r.get(i);
                        if (!cell.isEmpty()) {
                            figures.put(header.get(i), Double.parseDouble(cell));
                        }
                    }
                    int rep = Integer.parseInt(r.get("replication"));
                    List<Map<String, Double>> reps = variants.computeIfAbsent(label.toString(), l -> new ArrayList<>());
                    if (rep != reps.size()) {
                        throw new Invalid(runs + " line " + r.getRecordNumber() + ": replication " + rep + " out of "
                                + "order; accepted: a runs.csv caniclab wrote");
                    }
                    reps.add(figures);
                }
            } catch (IOException | IllegalArgumentException | IllegalStateException e) {
                throw new Invalid(runs + " is not readable (" + oneLine(e.getMessage()) + "); accepted: a runs.csv "
                        + "caniclab wrote");
            }
            return new Sweep(seeds, variants);
        }
    }

    static Comparison sweeps(Sweep a, Sweep b) {
        boolean paired = a.seeds().equals(b.seeds());
        List<Row> rows = new ArrayList<>();
        a.variants().forEach((label, runsA) -> {
            List<Map<String, Double>> runsB = b.variants().get(label);
            if (runsB == null || runsA.isEmpty() || runsB.isEmpty()) {
                return;
            }
            for (String figure : runsA.get(0).keySet()) {
                List<Double> xa = values(runsA, figure);
                List<Double> xb = values(runsB, figure);
                if (xa == null || xb == null) {
                    continue;
                }
                rows.add(paired && xa.size() == xb.size() ? paired(label, figure, xa, xb) : welch(label, figure, xa, xb));
            }
        });
        if (rows.isEmpty()) {
            throw new Invalid("the two sweeps share no variant and figure; accepted: sweeps that vary the same keys "
                    + "over at least one common value (or vary nothing)");
        }
        return new Comparison(true, rows);
    }

    /** Each replication's value; null when some replication lacks the figure. */
    private static List<Double> values(List<Map<String, Double>> runs, String figure) {
        List<Double> out = new ArrayList<>();
        for (Map<String, Double> r : runs) {
            Double x = r.get(figure);
            if (x == null) {
                return null;
            }
            out.add(x);
        }
        return out;
    }

    /** The interval of the mean of the per-replication differences b_r − a_r (Student t, n − 1 df). */
    static Row paired(String variant, String figure, List<Double> a, List<Double> b) {
        int n = a.size();
        List<Double> d = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            d.add(b.get(i) - a.get(i));
        }
        double mean = mean(d);
        double half = n > 1 ? t(n - 1) * Math.sqrt(variance(d, mean) / n) : Double.NaN;
        return new Row(variant, figure, mean(a), mean(b), mean, mean - half, mean + half, Method.PAIRED);
    }

    /**
     * Welch's interval of mean(b) − mean(a): standard error √(s²_a/n_a + s²_b/n_b), degrees of freedom by
     * Welch–Satterthwaite; a zero standard error gives the point itself.
     */
    static Row welch(String variant, String figure, List<Double> a, List<Double> b) {
        int na = a.size();
        int nb = b.size();
        double ma = mean(a);
        double mb = mean(b);
        double diff = mb - ma;
        double half = Double.NaN;
        if (na > 1 && nb > 1) {
            double va = variance(a, ma) / na;
            double vb = variance(b, mb) / nb;
            double se2 = va + vb;
            if (se2 == 0) {
                half = 0;
            } else {
                double df = se2 * se2 / (va * va / (na - 1) + vb * vb / (nb - 1));
                half = t(df) * Math.sqrt(se2);
            }
        }
        return new Row(variant, figure, ma, mb, diff, diff - half, diff + half, Method.WELCH);
    }

    private static double t(double df) {
        return new TDistribution(null, df).inverseCumulativeProbability(0.975);
    }

    private static double mean(List<Double> xs) {
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return s / xs.size();
    }

    private static double variance(List<Double> xs, double mean) {
        double ss = 0;
        for (double x : xs) {
            ss += (x - mean) * (x - mean);
        }
        return ss / (xs.size() - 1);
    }

    private List<String> header() {
        return sweeps ? List.of("variant", "figure", "a", "b", "b_minus_a", "lo_95", "hi_95", "method", "excludes_0")
                : List.of("figure", "a", "b", "b_minus_a");
    }

    private List<String> cells(Row r) {
        String n = SweepReportWriter.number(r.a());
        if (!sweeps) {
            return List.of(r.figure(), n, SweepReportWriter.number(r.b()), SweepReportWriter.number(r.difference()));
        }
        boolean defined = Double.isFinite(r.lo());
        return List.of(r.variant(), r.figure(), n, SweepReportWriter.number(r.b()),
                SweepReportWriter.number(r.difference()), SweepReportWriter.number(r.lo()),
                SweepReportWriter.number(r.hi()), r.method().name().toLowerCase(java.util.Locale.ROOT),
                defined ? (r.excludesZero() ? "yes" : "no") : "");
    }

    /** A Markdown table (GitHub pipes), one row per {@link Row}. */
    public String markdown() {
        StringBuilder out = new StringBuilder();
        List<String> h = header();
        out.append("| ").append(String.join(" | ", h)).append(" |\n");
        out.append("|").append("---|".repeat(h.size())).append('\n');
        for (Row r : rows) {
            List<String> c = new ArrayList<>();
            for (String cell : cells(r)) {
                c.add(cell.replace("|", "\\|"));
            }
            out.append("| ").append(String.join(" | ", c)).append(" |\n");
        }
        return out.toString();
    }

    /** The same table as CSV (RFC 4180, {@code \n}), written whole. */
    public Path writeCsv(Path file) throws IOException {
        return AtomicFiles.write(file, (OutputStream out) -> {
            try (CSVPrinter csv = RunReportWriter.printer(out, header().toArray(new String[0]))) {
                for (Row r : rows) {
                    csv.printRecord(cells(r));
                }
            }
        });
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }
}
