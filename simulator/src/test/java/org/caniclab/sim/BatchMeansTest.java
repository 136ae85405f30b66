package org.caniclab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caniclab.sim.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code run.batches}: one long run of the M/M/1 case of {@link QueueingTest} (4 workers, random routing, each an
 * M/M/1 queue with ρ = 0.8: Wq = 40 ms, W = 50 ms) gets batch-means intervals that cover the analytic values and
 * no warning; a short run gets one warning line saying how much longer to make it; and a run whose warm-up is
 * shorter than MSER-5's suggestion is told so.
 */
class BatchMeansTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    static Run cli(String... args) {
        CommandLine cli = Main.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void theMm1RunsBatchMeansIntervalsCoverTheAnalyticWaitAndLatency() throws IOException {
        Path file = dir.resolve("mm1.toml");
        Files.writeString(file, SweepQueueingTest.SCENARIO.replace("sample_interval = \"50s\"",
                "sample_interval = \"5s\"\nbatches = 20"));
        Path out = dir.resolve("out");
        Run r = cli("replay", file.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode requests = new ObjectMapper().readTree(out.resolve("summary.json").toFile())
                .path("pools").path("api").path("requests");
        JsonNode b = requests.path("batch_means");
        assertEquals(20, b.path("batches").asInt());
        assertCovers(40.0, b.path("wait_ms"), "Wq = ρ/(μ − λ) of M/M/1");
        assertCovers(50.0, b.path("latency_ms"), "W = 1/(μ − λ) of M/M/1");
        assertEquals(20, b.path("wait_ms").path("n").asInt());
        // Equal batches in time hold nearly equal numbers of requests: their mean is the run's mean.
        assertEquals(requests.path("wait_ms_mean").asDouble(), b.path("wait_ms").path("mean").asDouble(),
                0.01 * requests.path("wait_ms_mean").asDouble());
        double lag1 = b.path("wait_ms").path("lag1").asDouble();
        assertTrue(lag1 > -1 && lag1 < 0.2, "40 s batches of a queue that forgets in about a second: lag-1 " + lag1);
        assertFalse(r.err().contains("too short"), r.err());
    }

    private static void assertCovers(double analytic, JsonNode e, String what) {
        double lo = e.path("lo_95").asDouble();
        double hi = e.path("hi_95").asDouble();
        assertTrue(lo <= analytic && analytic <= hi, what + ": " + analytic + " not in [" + lo + ", " + hi + "]");
        assertEquals(e.path("mean").asDouble() - e.path("half_width_95").asDouble(), lo, 1e-3);
        assertTrue(hi - lo < 0.2 * analytic, what + ": the interval is informative: [" + lo + ", " + hi + "]");
    }

    @Test
    void aShortRunGetsOneLineSayingHowMuchLongerToMakeIt() throws IOException {
        Path file = dir.resolve("mm1.toml");
        Files.writeString(file, SweepQueueingTest.SCENARIO.replace("duration = \"850s\"", "duration = \"60s\"")
                .replace("sample_interval = \"50s\"", "sample_interval = \"1s\"\nbatches = 10"));
        Run r = cli("replay", file.toString(), "--out", dir.resolve("short").toString());
        assertEquals(0, r.exit(), r.err());
        Matcher m = Pattern.compile("(?m)^warning: the run is too short for its batch means \\(pools\\.api mean "
                + "(wait|latency): lag-1 correlation (-?[0-9.]+), limit 0\\.2; half-width ([0-9.]+)% of the mean, "
                + "limit 10%\\); lengthen the measured window about ([0-9.]+)x: run\\.duration = \"([0-9]+)s\"$")
                .matcher(r.err());
        assertTrue(m.find(), r.err());
        double lag1 = Double.parseDouble(m.group(2));
        double rel = Double.parseDouble(m.group(3)) / 100;
        double factor = Double.parseDouble(m.group(4));
        double expected = Math.max(rel > 0.1 ? (rel / 0.1) * (rel / 0.1) : 1, lag1 > 0.2 ? lag1 / 0.2 : 1);
        assertTrue(expected > 1, "a check failed: " + r.err());
        assertEquals(Math.ceil(expected * 10) / 10, factor, 0.051 + 0.01 * expected, r.err());
        // The measured window is 10 s long (warm-up 50 s): the suggested duration is 50 s + 10 s × factor.
        assertEquals(50 + 10 * factor, Double.parseDouble(m.group(5)), 1.0 + 0.1 * factor, r.err());
        assertEquals(1, r.err().lines().filter(l -> l.contains("too short")).count());
    }

    @Test
    void aWarmupShorterThanMsersSuggestionIsWarnedAbout() throws IOException {
        // steady.toml's queue builds up while its first workers are created; with no warm-up, MSER-5 deletes it.
        Path out = dir.resolve("steady");
        Run r = cli("replay", steadyFile().toString(), "--set", "run.warmup=0", "--set", "expect=[]", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        double suggested = summary.path("suggested_warmup_seconds").asDouble();
        assertEquals(0, summary.path("warmup_seconds").asDouble());
        assertTrue(suggested >= 5, "the first workers exist after ~5 s: suggested " + suggested);
        assertTrue(r.err().contains("warning: run.warmup 0s is shorter than the suggested warm-up "
                + summary.path("suggested_warmup_seconds").asText() + "s"), r.err());

        r = cli("replay", steadyFile().toString(), "--set", "run.warmup=" + (int) Math.ceil(suggested) + "s",
                "--set", "expect=[]",
                "--out", dir.resolve("steady2").toString());
        assertFalse(r.err().contains("run.warmup"), r.err());
    }

    static Path steadyFile() {
        return org.caniclab.sim.sweep.SweepTestAccess.steady();
    }
}
