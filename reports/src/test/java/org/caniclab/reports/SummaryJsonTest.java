package org.caniclab.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private JsonNode writeAndParse(RunResult result) throws Exception {
        RunReportWriter.write(dir, result, RunInfo.capture(1.0, 1));
        return MAPPER.readTree(dir.resolve("summary.json").toFile());
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void writesKeysInDocumentedOrder() throws Exception {
        JsonNode root = writeAndParse(Fixtures.smallRun());

        assertEquals(List.of("scenario", "seed", "backend", "mode", "simulated_seconds", "warmup_seconds",
                "suggested_warmup_seconds", "events", "pools", "metrics"), keys(root));
        assertEquals(List.of("api", "web"), keys(root.get("pools")));
        assertEquals(List.of("min_workers", "max_workers", "workers_final", "workers_peak", "overshoot_peak",
                "creates_started", "creates_completed", "creates_failed", "creates_orphaned", "cycles_spent",
                "requests"),
                keys(root.get("pools").get("api")));
        JsonNode requests = root.get("pools").get("api").get("requests");
        assertEquals(List.of("arrived", "completed", "rejected", "latency_ms", "wait_ms_mean", "wait_ms", "waited",
                "p_wait", "utilization_mean"), keys(requests));
        assertEquals(List.of("p50", "p90", "p99", "max"), keys(requests.get("wait_ms")));
        assertEquals(List.of("mean", "p50", "p90", "p99", "max"), keys(requests.get("latency_ms")));
        assertEquals(List.of("operation", "outcome", "reason", "count"), keys(root.get("metrics").get(0)));
    }

    @Test
    void writesValuesRoundedAndStatisticsWithoutSampleAsNull() throws Exception {
        JsonNode root = writeAndParse(Fixtures.smallRun());

        assertEquals(42, root.get("seed").asLong());
        assertEquals(1.5, root.get("simulated_seconds").asDouble());
        JsonNode api = root.get("pools").get("api");
        assertEquals(1, api.get("overshoot_peak").asInt());
        assertEquals(3_000_000_000_000L, api.get("cycles_spent").asLong());
        assertEquals(1.235, api.at("/requests/latency_ms/mean").asDouble());
        assertEquals(4.001, api.at("/requests/latency_ms/max").asDouble());
        assertEquals(0.1235, api.at("/requests/utilization_mean").asDouble());
        assertTrue(root.at("/pools/web/requests/wait_ms_mean").isNull());
        assertTrue(root.at("/pools/web/requests/latency_ms/p99").isNull());
        assertTrue(root.at("/pools/web/requests/wait_ms/p50").isNull());
        assertTrue(root.at("/pools/web/requests/p_wait").isNull());
        assertEquals(0, root.at("/pools/web/requests/waited").asLong());
        assertEquals(0.25, api.at("/requests/p_wait").asDouble());
        assertEquals(2.25, api.at("/requests/wait_ms/p99").asDouble());
        assertEquals("at_max_workers", root.at("/metrics/1/reason").asText());
    }

    @Test
    void writesExactTextForSmallRun() throws Exception {
        RunReportWriter.write(dir, Fixtures.smallRun(), RunInfo.capture(1.0, 1));

        String expected = """
                {
                  "scenario": "burst",
                  "seed": 42,
                  "backend": "sim",
                  "mode": "reserved",
                  "simulated_seconds": 1.5,
                  "warmup_seconds": 0,
                  "suggested_warmup_seconds": 0,
                  "events": 1234,
                  "pools": {
                    "api": {
                      "min_workers": 1,
                      "max_workers": 2,
                      "workers_final": 2,
                      "workers_peak": 3,
                      "overshoot_peak": 1,
                      "creates_started": 3,
                      "creates_completed": 3,
                      "creates_failed": 0,
                      "creates_orphaned": 1,
                      "cycles_spent": 3000000000000,
                      "requests": {
                        "arrived": 10,
                        "completed": 9,
                        "rejected": 1,
                        "latency_ms": {
                          "mean": 1.235,
                          "p50": 1,
                          "p90": 2,
                          "p99": 3,
                          "max": 4.001
                        },
                        "wait_ms_mean": 0.5,
                        "wait_ms": {
                          "p50": 0,
                          "p90": 1.5,
                          "p99": 2.25,
                          "max": 3
                        },
                        "waited": 2,
                        "p_wait": 0.25,
                        "utilization_mean": 0.1235
                      }
                    },
                    "web": {
                      "min_workers": 0,
                      "max_workers": 0,
                      "workers_final": 1,
                      "workers_peak": 1,
                      "overshoot_peak": 0,
                      "creates_started": 1,
                      "creates_completed": 1,
                      "creates_failed": 0,
                      "creates_orphaned": 0,
                      "cycles_spent": 1000000000000,
                      "requests": {
                        "arrived": 0,
                        "completed": 0,
                        "rejected": 0,
                        "latency_ms": {
                          "mean": null,
                          "p50": null,
                          "p90": null,
                          "p99": null,
                          "max": null
                        },
                        "wait_ms_mean": null,
                        "wait_ms": {
                          "p50": null,
                          "p90": null,
                          "p99": null,
                          "max": null
                        },
                        "waited": 0,
                        "p_wait": null,
                        "utilization_mean": 0
                      }
                    }
                  },
                  "metrics": [
                    {
                      "operation": "create_worker",
                      "outcome": "started",
                      "reason": "",
                      "count": 3
                    },
                    {
                      "operation": "create_worker",
                      "outcome": "skipped",
                      "reason": "at_max_workers",
                      "count": 1
                    }
                  ]
                }
                """;
        assertEquals(expected, Files.readString(dir.resolve("summary.json")));
    }

    @Test
    void writesExpectationsOnlyWhenPresent() throws Exception {
        RunResult run = Fixtures.smallRun();
        assertFalse(writeAndParse(run).has("expectations"));

        ExpectationResult verdict = Expectation.parse("pools.api.overshoot_peak == 0")
                .evaluate(SummaryPaths.toJson(run));
        JsonNode root = writeAndParse(run.withExpectations(List.of(verdict)));

        assertEquals("expectations", keys(root).get(keys(root).size() - 1));
        JsonNode written = root.get("expectations").get(0);
        assertEquals(List.of("expression", "measured", "passed"), keys(written));
        assertEquals("pools.api.overshoot_peak == 0", written.get("expression").asText());
        assertEquals("1", written.get("measured").asText());
        assertFalse(written.get("passed").asBoolean());
    }

    @Test
    void toJsonIsTheTreeTheWriterSerialises() throws Exception {
        RunResult run = Fixtures.smallRun();
        RunReportWriter.write(dir, run, RunInfo.capture(1.0, 1));

        assertEquals(Json.print(SummaryPaths.toJson(run)), Files.readString(dir.resolve("summary.json")));
        assertTrue(SummaryPaths.lookup(MAPPER.readTree(dir.resolve("summary.json").toFile()),
                "pools.api.requests.latency_ms.p99").isPresent());
    }

    @Test
    void writesRunInfoKeysInOrder() throws Exception {
        RunReportWriter.write(dir, Fixtures.smallRun(), new RunInfo(2.5, 493.6, "17.0.9", "OpenJDK", 8, 1L << 30));

        assertEquals("""
                {
                  "wall_seconds": 2.5,
                  "events_per_second": 493.6,
                  "java_version": "17.0.9",
                  "jvm_name": "OpenJDK",
                  "available_processors": 8,
                  "max_heap_bytes": 1073741824
                }
                """, Files.readString(dir.resolve("run-info.json")));
    }

    @Test
    void writesTheSubstratesFactsAfterTheJvmWhenThereAreAny() throws Exception {
        RunInfo info = new RunInfo(2.5, 493.6, "17.0.9", "OpenJDK", 8, 1L << 30)
                .withSubstrate(java.util.Map.of("endpoint", "http://127.0.0.1:4943", "agent", "ic4j-agent 0.7.2"));
        RunReportWriter.write(dir, Fixtures.smallRun(), info);

        assertEquals("""
                {
                  "wall_seconds": 2.5,
                  "events_per_second": 493.6,
                  "java_version": "17.0.9",
                  "jvm_name": "OpenJDK",
                  "available_processors": 8,
                  "max_heap_bytes": 1073741824,
                  "substrate": {
                    "agent": "ic4j-agent 0.7.2",
                    "endpoint": "http://127.0.0.1:4943"
                  }
                }
                """, Files.readString(dir.resolve("run-info.json")));
    }
}
