package org.caniclab.bench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JmhResultsTest {

    @Test
    void readsNameParamsScoreMedianAndBytesPerOp() {
        List<BenchmarkResult> results = Fixtures.results(Fixtures.HEALTHY);
        assertEquals(16, results.size());
        BenchmarkResult linear = results.get(11);
        assertEquals("org.caniclab.bench.RegistryBenchmark.countByPoolLinear", linear.benchmark());
        assertEquals("RegistryBenchmark.countByPoolLinear", linear.shortName());
        assertEquals(Map.of("pools", "10", "workers", "100000"), linear.params());
        assertEquals("pools=10, workers=100000", linear.paramsText());
        assertEquals(1_600_000.0, linear.score());
        assertEquals(1_600_000.0, linear.median());
        assertEquals("ns/op", linear.unit());
        assertEquals(20.0, linear.bytesPerOp());

        // A throughput with two forks and the simulator's aux counters (events, requests) beside the GC
        // profiler's metrics: the counters are not bytes, the medians span both forks.
        BenchmarkResult perRound = results.get(15);
        assertEquals("SimulatorBenchmark.perRound", perRound.shortName());
        assertEquals("thrpt", perRound.mode());
        assertEquals("ops/s", perRound.unit());
        assertEquals(55.2, perRound.median());
        assertEquals(202_966.0, perRound.bytesPerOp());
        assertEquals(1e9 / 55.2, perRound.nanosPerOp(), 1e-6);
    }

    @Test
    void runDescriptionComesFromTheFirstEntry() {
        JmhResults.Run run = JmhResults.parse(Fixtures.text(Fixtures.HEALTHY), "f.json");
        assertEquals("JMH 1.37, JDK 17.0.15+6-Debian-1deb12u1, 1 fork x (2 x 1 s warm-up + 3 x 1 s), 16 results",
                run.description());
    }

    @Test
    void medianIsTakenOverTheIterationsOfEveryFork() {
        String json = """
                [{"benchmark": "a.B.c", "mode": "avgt",
                  "primaryMetric": {"score": 11, "scoreError": "NaN", "scoreUnit": "us/op",
                                    "rawData": [[1, 2, 3], [30, 20, 10]]},
                  "secondaryMetrics": {"\u00b7gc.alloc.rate.norm": {"score": 16.0, "scoreUnit": "B/op"}}}]""";
        BenchmarkResult r = JmhResults.parse(json, "x").results().get(0);
        assertEquals(6.5, r.median());
        assertEquals(6500.0, r.nanosPerOp());
        assertTrue(Double.isNaN(r.error()));
        assertEquals(16.0, r.bytesPerOp()); // the middle-dot spelling of older JMH versions
        assertEquals(Map.of(), r.params());
    }

    @Test
    void withoutGcProfilerBytesPerOpIsAbsent() {
        String json = """
                [{"benchmark": "a.B.c", "mode": "avgt",
                  "primaryMetric": {"score": 2, "scoreError": 0.1, "scoreUnit": "ns/op"},
                  "secondaryMetrics": {}}]""";
        BenchmarkResult r = JmhResults.parse(json, "x").results().get(0);
        assertNull(r.bytesPerOp());
        assertEquals(2.0, r.median()); // no raw data: the score
    }

    @Test
    void badFilesAreReportedWithWhereAndWhat() {
        assertEquals("r.json: expected a JSON array of JMH results (-rf json)",
                assertThrows(BadInputException.class, () -> JmhResults.parse("{}", "r.json")).getMessage());
        assertEquals("r.json [0]: missing 'primaryMetric'",
                assertThrows(BadInputException.class,
                        () -> JmhResults.parse("[{\"benchmark\": \"a.B.c\", \"mode\": \"avgt\"}]", "r.json"))
                        .getMessage());
        assertTrue(assertThrows(BadInputException.class, () -> JmhResults.parse("[{", "r.json"))
                .getMessage().startsWith("r.json: not JSON"));
    }

    @Test
    void unknownUnitIsRejectedWhenRatiosNeedIt() {
        String json = """
                [{"benchmark": "a.B.c", "mode": "ss",
                  "primaryMetric": {"score": 2, "scoreError": 0.1, "scoreUnit": "furlongs"}}]""";
        BenchmarkResult r = JmhResults.parse(json, "x").results().get(0);
        assertThrows(IllegalArgumentException.class, r::nanosPerOp);
    }
}
