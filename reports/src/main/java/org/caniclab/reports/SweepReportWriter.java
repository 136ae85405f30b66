package org.caniclab.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;
import org.caniclab.reports.html.SweepPage;

/**
 * Writes a sweep's files into a folder: {@code index.html} (charts of the figures against the first varied key,
 * with their intervals), {@code runs.csv} (one row per run: the varied values, replication, seed and
 * every figure by its dotted path, empty where a run has none), {@code aggregate.csv} (per variant and figure: n,
 * mean, sd, the 95 % half-width and interval) and {@code sweep.json} (the plan). Numbers carry 10 significant digits,
 * so the files are byte-identical for identical results.
 *
 * <pre>{@code
 * SweepReportWriter.write(Path.of("out/steady-sweep"), result, question, List.of("workers_peak"));
 * System.out.print(SweepReportWriter.table(result, 6));
 * }</pre>
 */
public final class SweepReportWriter {
    private static final MathContext DIGITS = new MathContext(10);

    private SweepReportWriter() {}

    /**
     * Writes the files into {@code dir} (created if needed); returns them. {@code index.html} charts the figures
     * whose names end with one of {@code charted} against the first varied key, one line per combination of the
     * others.
     *
     * @param description what the study asks (the scenario's opening comment), shown on the page
     */
    public static List<Path> write(Path dir, SweepResult result, String description, List<String> charted)
            throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        // Aggregated once for both files that show it (a pass over every run's figures).
        List<SweepStatistics.Row> rows = SweepStatistics.aggregate(result);
        files.add(AtomicFiles.write(dir.resolve("runs.csv"), out -> runsCsv(out, result)));
        files.add(AtomicFiles.write(dir.resolve("aggregate.csv"), out -> aggregateCsv(out, result, rows)));
        files.add(AtomicFiles.write(dir.resolve("sweep.json"), Json.print(plan(result))));
        files.add(AtomicFiles.write(dir.resolve("index.html"),
                SweepPage.render(page(result, rows, description, charted))));
        return List.copyOf(files);
    }

    /**
     * Renders every file of a small made-up sweep (two variants, three runs each) into nothing, and its table: for a
     * start-up thread to go through the writers' code once, beside the runs, before the sweep's own files need it.
     */
    public static void warmUp() throws IOException {
        List<SweepResult.Variant> variants = List.of(new SweepResult.Variant(0, List.of("a")),
                new SweepResult.Variant(1, List.of("b")));
        List<SweepResult.Run> runs = new ArrayList<>();
        for (int v = 0; v < 2; v++) {
            for (int r = 0; r < 3; r++) {
                LinkedHashMap<String, Double> figures = new LinkedHashMap<>();
                figures.put("pools.api.requests.latency_ms.p99", 890.5 + v + r * 0.25);
                figures.put("pools.api.requests.utilization_mean", 0.5 + r / 7.0);
                figures.put("pools.api.workers_peak", 2.0 + v);
                runs.add(new SweepResult.Run(v, r, r + 1, figures));
            }
        }
        SweepResult result = new SweepResult(new SweepResult.Header("warm-up", "warm-up.toml", "sim", "0", List.of(), 3,
                List.of(1L, 2L, 3L)), List.of("k"), variants, runs);
        List<String> charted = List.of("latency_ms.p99", "utilization_mean");
        List<SweepStatistics.Row> rows = SweepStatistics.aggregate(result);
        runsCsv(OutputStream.nullOutputStream(), result);
        aggregateCsv(OutputStream.nullOutputStream(), result, rows);
        Json.print(plan(result));
        SweepPage.render(page(result, rows, "Warm-up.", charted));
        table(result, charted);
    }

    /** The sweep page's input: the first varied key on the x axis, a line per combination of the other keys. */
    static SweepPage.Input page(SweepResult r, List<SweepStatistics.Row> rows, String description,
            List<String> charted) {
        boolean varied = !r.varied().isEmpty();
        String parameter = varied ? r.varied().get(0) : "scenario";
        List<String> values = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (SweepResult.Variant v : r.variants()) {
            String value = varied ? v.values().get(0) : r.header().scenario();
            if (!values.contains(value)) {
                values.add(value);
            }
            String line = line(r, v);
            if (!lines.contains(line)) {
                lines.add(line);
            }
        }
        List<SweepPage.Estimate> estimates = new ArrayList<>();
        for (SweepStatistics.Row row : rows) {
            if (charted.stream().anyMatch(row.figure()::endsWith)) {
                SweepResult.Variant v = r.variants().get(row.variant());
                estimates.add(new SweepPage.Estimate(row.figure(), line(r, v),
                        varied ? v.values().get(0) : r.header().scenario(), row.mean(), row.halfWidth(), row.n()));
            }
        }
        return new SweepPage.Input(r.header().scenario() + " sweep", description, parameter, values, lines, estimates);
    }

    /** {@code k2=v2, k3=v3}: a variant's values of every varied key but the first. */
    private static String line(SweepResult r, SweepResult.Variant v) {
        StringBuilder b = new StringBuilder();
        for (int k = 1; k < r.varied().size(); k++) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(r.varied().get(k)).append('=').append(v.values().get(k));
        }
        return b.toString();
    }

    /** A number as the sweep files write it: 10 significant digits, plain notation; empty for NaN. */
    public static String number(double x) {
        if (!Double.isFinite(x)) {
            return "";
        }
        // Subnormal doubles have fewer bits than the argument below needs: the definition takes them.
        String quick = x == 0 ? "0" : Math.abs(x) >= Double.MIN_NORMAL ? shortNumber(x) : null;
        return quick != null ? quick : exactNumber(x);
    }

    /** {@link #number}'s definition: the double's exact binary value rounded half-up to 10 significant digits. */
    static String exactNumber(double x) {
        BigDecimal d = new BigDecimal(x).round(DIGITS);
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    /**
     * {@code Double.toString(x)} in plain notation when it has at most 10 significant digits (most figures of a run:
     * they are rounded decimals), else null. It is then {@link #exactNumber}'s answer: the string reads back as x, so
     * x lies within half an ulp (about 10^-16 of x) of that 10-digit decimal, far closer than the half-unit of the
     * 10th digit at which rounding could go elsewhere.
     */
    private static String shortNumber(double x) {
        String s = Double.toString(Math.abs(x));
        int e = s.indexOf('E');
        String mantissa = e < 0 ? s : s.substring(0, e);
        int point = mantissa.indexOf('.');
        String digits = mantissa.substring(0, point) + mantissa.substring(point + 1);
        int before = point + (e < 0 ? 0 : Integer.parseInt(s.substring(e + 1))); // digits before the decimal point
        int from = 0;
        while (from < digits.length() && digits.charAt(from) == '0') {
            from++;
            before--;
        }
        int to = digits.length();
        while (to > from && digits.charAt(to - 1) == '0') {
            to--;
        }
        if (to - from > 10) {
            return null;
        }
        digits = digits.substring(from, to);
        StringBuilder out = new StringBuilder(digits.length() + 8);
        if (x < 0) {
            out.append('-');
        }
        if (before <= 0) {
            out.append("0.").append("0".repeat(-before)).append(digits);
        } else if (before >= digits.length()) {
            out.append(digits).append("0".repeat(before - digits.length()));
        } else {
            out.append(digits, 0, before).append('.').append(digits, before, digits.length());
        }
        return out.toString();
    }

    private static void runsCsv(OutputStream out, SweepResult r) throws IOException {
        List<String> figures = SweepStatistics.figures(r);
        List<String> header = new ArrayList<>(r.varied());
        header.add("replication");
        header.add("seed");
        header.addAll(figures);
        try (CSVPrinter csv = printer(out, header)) {
            for (SweepResult.Run run : r.runs()) {
                List<String> cells = new ArrayList<>(r.variants().get(run.variant()).values());
                cells.add(Integer.toString(run.replication()));
                cells.add(Long.toString(run.seed()));
                for (String f : figures) {
                    Double x = run.figures().get(f);
                    cells.add(x == null ? "" : number(x));
                }
                csv.printRecord(cells);
            }
        }
    }

    private static void aggregateCsv(OutputStream out, SweepResult r, List<SweepStatistics.Row> rows)
            throws IOException {
        List<String> header = new ArrayList<>(r.varied());
        header.addAll(List.of("figure", "n", "mean", "sd", "half_width_95", "lo_95", "hi_95"));
        try (CSVPrinter csv = printer(out, header)) {
            for (SweepStatistics.Row row : rows) {
                List<String> cells = new ArrayList<>(r.variants().get(row.variant()).values());
                cells.addAll(List.of(row.figure(), Integer.toString(row.n()), number(row.mean()), number(row.sd()),
                        number(row.halfWidth()), number(row.lo()), number(row.hi())));
                csv.printRecord(cells);
            }
        }
    }

    private static ObjectNode plan(SweepResult r) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        SweepResult.Header h = r.header();
        ObjectNode root = f.objectNode();
        root.put("scenario", h.scenario());
        root.put("scenario_file", h.scenarioFile());
        root.put("backend", h.backend());
        root.put("tool_version", h.toolVersion());
        ArrayNode sets = root.putArray("overrides");
        h.overrides().forEach(sets::add);
        ArrayNode varied = root.putArray("vary");
        for (int k = 0; k < r.varied().size(); k++) {
            ObjectNode v = varied.addObject();
            v.put("key", r.varied().get(k));
            ArrayNode values = v.putArray("values");
            List<String> seen = new ArrayList<>();
            for (SweepResult.Variant variant : r.variants()) {
                String value = variant.values().get(k);
                if (!seen.contains(value)) {
                    seen.add(value);
                    values.add(value);
                }
            }
        }
        root.put("replications", h.replications());
        ArrayNode seeds = root.putArray("seeds");
        h.seeds().forEach(seeds::add);
        root.put("variants", r.variants().size());
        root.put("runs", r.runs().size());
        return root;
    }

    /**
     * A readable table of the figures whose name ends with one of {@code suffixes}: per variant, mean ± half-width
     * (n). For the terminal; the files hold everything.
     */
    public static String table(SweepResult r, List<String> suffixes) {
        TextTable t = new TextTable();
        r.varied().forEach(t::text);
        t.text("figure").number("mean").number("± 95%").number("n");
        for (SweepStatistics.Row row : SweepStatistics.aggregate(r)) {
            if (suffixes.stream().noneMatch(row.figure()::endsWith)) {
                continue;
            }
            List<String> cells = new ArrayList<>(r.variants().get(row.variant()).values());
            cells.addAll(List.of(row.figure(), number(row.mean()), number(row.halfWidth()), Integer.toString(row.n())));
            t.row(cells.toArray(new String[0]));
        }
        return t.render();
    }

    private static CSVPrinter printer(OutputStream out, List<String> header) throws IOException {
        return RunReportWriter.printer(out, header.toArray(new String[0]));
    }
}
