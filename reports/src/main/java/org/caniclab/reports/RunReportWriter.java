package org.caniclab.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.caniclab.core.config.PoolFileNames;
import org.caniclab.reports.html.RunPage;

/**
 * Writes a {@link RunResult} as the report directory of a run. Every file except
 * {@code run-info.json} is a pure function of the result, so two runs of the same scenario and seed
 * give byte-identical reports that can be diffed or checked in as golden files.
 *
 * <pre>{@code
 * List<Path> written = RunReportWriter.write(Path.of("out/burst-k8"), result, RunInfo.capture(wall, n),
 *         RunPage.Description.openingComment(Files.readString(scenarioFile)));
 * System.out.print(RunReportWriter.summaryText(result));
 * }</pre>
 *
 * <p>Files written, in the order returned: {@code summary.json}, {@code summary.txt},
 * {@code timeline.csv}, {@code events.csv}, {@code metrics.csv}, {@code latency-<pool>.hgrm} per
 * histogram in pool-name order, {@code index.html} (the charts, {@link RunPage}), {@code run-info.json}. They
 * replace the folder's previous report whole, extra files included: a reader or a killed run sees the previous
 * complete report or the new one, never a mix ({@link ReportFolder}).
 */
public final class RunReportWriter {

    /** Every CSV the reports write: RFC 4180 quoting, {@code \n} line ends. */
    static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();
    /** HdrHistogram's scaling ratio: the histograms hold nanoseconds, the files show milliseconds. */
    private static final double NANOS_PER_MS = 1_000_000.0;

    private RunReportWriter() {}

    /**
     * Writes the report into {@code outDir}, replacing whatever report it held, whole (see {@link ReportFolder}):
     * locks it, writes the files into a hidden sibling folder and swaps that in.
     *
     * @return the written files, in the order listed above, under {@code outDir}
     * @throws IllegalArgumentException if two pool names map to the same {@code .hgrm} file name
     * @throws ReportFolderException if {@code outDir} cannot hold a report or another process is writing it
     */
    public static List<Path> write(Path outDir, RunResult result, RunInfo info) throws IOException {
        return write(outDir, result, info, RunPage.Description.NONE);
    }

    /**
     * As {@link #write(Path, RunResult, RunInfo)}, with the text {@code index.html} opens with: what the
     * scenario asks, e.g. {@link RunPage.Description#openingComment} of the scenario file.
     */
    public static List<Path> write(Path outDir, RunResult result, RunInfo info, RunPage.Description description)
            throws IOException {
        Map<String, Histogram> hgrmFiles = hgrmFileNames(result);
        try (ReportFolder folder = ReportFolder.lock(outDir)) {
            return folder.replace(staging -> files(staging, result, info, description, hgrmFiles));
        }
    }

    /**
     * Writes the report into a folder locked before the run, replacing whatever report it held, whole.
     *
     * @return the written files, in the order listed above, under {@link ReportFolder#path()}
     * @throws IllegalArgumentException if two pool names map to the same {@code .hgrm} file name
     */
    public static List<Path> write(ReportFolder folder, RunResult result, RunInfo info,
            RunPage.Description description) throws IOException {
        Map<String, Histogram> hgrmFiles = hgrmFileNames(result);
        return folder.replace(staging -> files(staging, result, info, description, hgrmFiles));
    }

    /**
     * Writes the report's files straight into {@code dir}, a folder the caller stages (e.g. a sweep's own staging
     * folder, swapped in whole by its {@link ReportFolder}); no lock and no swap of its own.
     */
    public static List<Path> writeInto(Path dir, RunResult result, RunInfo info, RunPage.Description description)
            throws IOException {
        Files.createDirectories(dir);
        return files(dir, result, info, description, hgrmFileNames(result));
    }

    private static List<Path> files(Path outDir, RunResult result, RunInfo info, RunPage.Description description,
            Map<String, Histogram> hgrmFiles) throws IOException {
        // run-info.json is written last, so its wall time can include the writing of every other file.
        long writeStart = System.nanoTime();
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, AtomicFiles.Body> e : bodies(result, description, hgrmFiles).entrySet()) {
            written.add(AtomicFiles.write(outDir.resolve(e.getKey()), e.getValue()));
        }
        RunInfo finished = info.phases().isEmpty() ? info
                : info.plusPhase("write", (System.nanoTime() - writeStart) / 1e9);
        written.add(AtomicFiles.write(outDir.resolve("run-info.json"), Json.print(SummaryTree.runInfo(finished))));
        return List.copyOf(written);
    }

    /** Every file of the report but {@code run-info.json}, by name, in the order written. */
    private static Map<String, AtomicFiles.Body> bodies(RunResult result, RunPage.Description description,
            Map<String, Histogram> hgrmFiles) {
        Map<String, AtomicFiles.Body> files = new LinkedHashMap<>();
        files.put("summary.json", text(() -> Json.print(SummaryTree.summary(result))));
        files.put("summary.txt", text(() -> summaryText(result)));
        files.put("timeline.csv", out -> timelineCsv(out, result));
        files.put("events.csv", out -> eventsCsv(out, result));
        files.put("metrics.csv", out -> metricsCsv(out, result));
        hgrmFiles.forEach((name, histogram) -> files.put(name, out -> hgrm(out, histogram)));
        files.put("index.html", text(() -> RunPage.render(result, description)));
        return files;
    }

    private static AtomicFiles.Body text(Supplier<String> text) {
        return out -> out.write(text.get().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Renders a small built-in run's whole report, {@code run-info.json} included, into nothing (its
     * {@code summary.json} is the tree the expectations read too): what a process's first report then finds loaded, initialized and run once (the
     * JSON, CSV and histogram libraries, the page and its scripts). For a thread started beside a short run
     * (the CLI's replay), so that writing its report is not also the JVM's first time through the writers.
     * Touches no file.
     *
     * @throws IOException never in practice (nothing is written anywhere)
     */
    public static void warmUp() throws IOException {
        RunResult result = WarmUpRun.result();
        for (AtomicFiles.Body body : bodies(result, RunPage.Description.openingComment("# Warm-up.\n"),
                hgrmFileNames(result)).values()) {
            body.writeTo(OutputStream.nullOutputStream());
        }
        Json.print(SummaryTree.runInfo(RunInfo.capture(0.5, result.header().events())
                .withPhases(List.of(new RunInfo.Phase("run", 0.5)))));
    }

    /** The text of {@code summary.txt}, for the CLI to print at the end of a run. */
    public static String summaryText(RunResult result) {
        return SummaryText.render(result);
    }

    /**
     * {@code latency-<pool>.hgrm} per histogram, in pool order. Characters that are unsafe in file
     * names become {@code _}; checked before anything is written, so a clash leaves no partial report.
     */
    private static Map<String, Histogram> hgrmFileNames(RunResult result) {
        Map<String, Histogram> files = new LinkedHashMap<>();
        result.latencyHistograms().forEach((pool, histogram) -> {
            String name = "latency-" + PoolFileNames.stem(pool) + ".hgrm";
            if (files.put(name, histogram) != null) {
                throw new IllegalArgumentException("two pools map to the histogram file " + name);
            }
        });
        return files;
    }

    private static void timelineCsv(OutputStream out, RunResult result) throws IOException {
        try (CSVPrinter csv = printer(out,
                "time_s", "pool", "workers", "reserved", "in_flight", "queue_depth", "utilization", "arrivals", "rejections")) {
            for (TimelineRow r : result.timeline()) {
                csv.printRecord(Json.plain(Json.seconds(r.timeNanos())), r.pool(), r.workers(), r.reserved(), r.inFlight(),
                        r.queueDepth(), Json.plain(Json.decimal(r.utilization(), Json.RATIO)),
                        r.arrivals(), r.rejections());
            }
        }
    }

    private static void eventsCsv(OutputStream out, RunResult result) throws IOException {
        try (CSVPrinter csv = printer(out, "time_s", "pool", "call", "outcome", "desired", "workers", "reserved",
                "arrivals", "calls", "detail")) {
            for (OrchestrationEvent e : result.events()) {
                // Columns a row has no figure for stay empty, so a reader tells "none" from 0.
                Object[] a = e.autoscale().map(f -> new Object[] {f.desired(), f.workers(), f.reserved(), f.arrivals(),
                        f.calls()}).orElse(new Object[] {"", "", "", "", ""});
                csv.printRecord(Json.plain(Json.seconds(e.timeNanos())), e.pool(), e.call(), e.outcome(), a[0], a[1],
                        a[2], a[3], a[4], e.detail());
            }
        }
    }

    private static void metricsCsv(OutputStream out, RunResult result) throws IOException {
        try (CSVPrinter csv = printer(out, "operation", "outcome", "reason", "count")) {
            for (MetricCount m : result.metrics()) {
                csv.printRecord(m.operation(), m.outcome(), m.reason(), m.count());
            }
        }
    }

    static CSVPrinter printer(OutputStream out, String... header) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        return new CSVPrinter(writer, CSV.builder().setHeader(header).get());
    }

    private static void hgrm(OutputStream out, Histogram histogram) {
        // HdrHistogram formats with Locale.US and '\n', so the text does not depend on the platform.
        PrintStream print = new PrintStream(out, false, StandardCharsets.UTF_8);
        histogram.outputPercentileDistribution(print, NANOS_PER_MS);
        print.flush();
    }
}
