package org.caniclab.bench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GateFileTest {

    private static String error(String toml) {
        return assertThrows(BadInputException.class, () -> GateFile.parse(toml, "g.toml")).getMessage();
    }

    @Test
    void checkedInGateFileHoldsTheSixGates() {
        GateFile file = Fixtures.gates();
        assertEquals(List.of("index-count-flat", "index-beats-linear", "planning-allocation-free",
                "create-worker-allocation", "simulator-per-round-allocation", "simulator-continuous-allocation"),
                file.gates().stream().map(Gate::name).toList());
        Gate.Ratio flat = (Gate.Ratio) file.gates().get(0);
        assertEquals(Map.of("workers", "100000", "pools", "10"), flat.params());
        assertEquals("RegistryBenchmark.countByPoolIndexed", flat.baseline()); // defaults to the benchmark
        assertEquals(Map.of("workers", "10"), flat.baselineParams());
        assertEquals(2.0, flat.maxRatio());
        assertEquals("RegistryBenchmark.countByPoolLinear", file.references().get("RegistryBenchmark.countByPoolIndexed"));
    }

    @Test
    void misspeltKeyIsNamedWithTheAcceptedOnes() {
        String msg = error("""
                [[ratio]]
                name = "flat"
                protects = "p"
                benchmark = "A.b"
                max_ration = 2.0
                """);
        assertTrue(msg.startsWith("g.toml: ratio[0].max_ration: unknown key; accepted: "), msg);
        assertTrue(msg.contains("max_ratio"), msg);
    }

    @Test
    void ratioGateNeedsABound() {
        String msg = error("""
                [[ratio]]
                name = "flat"
                protects = "p"
                benchmark = "A.b"
                """);
        assertEquals("g.toml: ratio[0] ('flat'): needs min_ratio, max_ratio or both", msg);
    }

    @Test
    void gateNamesAreUnique() {
        String msg = error("""
                [[allocation]]
                name = "same"
                protects = "p"
                benchmark = "A.b"
                max_bytes_per_op = 0
                [[allocation]]
                name = "same"
                protects = "p"
                benchmark = "A.c"
                max_bytes_per_op = 0
                """);
        assertTrue(msg.contains("gate name 'same' is used twice"), msg);
    }

    @Test
    void baselineNamesOneBenchmark() {
        String msg = error("""
                [[ratio]]
                name = "r"
                protects = "p"
                benchmark = "A.b"
                baseline = "A.*"
                min_ratio = 1
                """);
        assertTrue(msg.contains("has a wildcard"), msg);
    }

    @Test
    void benchmarkMustBeClassDotMethod() {
        String msg = error("""
                [[allocation]]
                name = "a"
                protects = "p"
                benchmark = "countByPool"
                max_bytes_per_op = 0
                """);
        assertTrue(msg.contains("'countByPool' is not a benchmark name; expected Class.method"), msg);
    }

    @Test
    void unknownTableAndBadTomlAreReported() {
        assertTrue(error("[[ratios]]\nname = \"x\"\n").contains("unknown table 'ratios'"));
        assertTrue(error("[[ratio]\n").startsWith("g.toml: not valid TOML"));
    }

    @Test
    void negativeAllocationBoundIsRejected() {
        String msg = error("""
                [[allocation]]
                name = "a"
                protects = "p"
                benchmark = "A.b"
                max_bytes_per_op = -1
                """);
        assertEquals("g.toml: allocation[0] ('a').max_bytes_per_op: expected a number >= 0", msg);
    }

    @Test
    void numericParamValuesAreAcceptedAsText() {
        GateFile file = GateFile.parse("""
                [[ratio]]
                name = "r"
                protects = "p"
                benchmark = "A.b"
                params = { workers = 100000 }
                max_ratio = 2
                """, "g.toml");
        assertEquals(Map.of("workers", "100000"), file.gates().get(0).params());
    }

    @Test
    void wildcardsMatchRunsOfCharacters() {
        assertTrue(Gate.matches("PlanningBenchmark.*", "PlanningBenchmark.decide"));
        assertTrue(Gate.matches("WorkflowBenchmark.createWorker*", "WorkflowBenchmark.createWorkerSeed"));
        assertTrue(Gate.matches("*.countByPoolIndexed", "RegistryBenchmark.countByPoolIndexed"));
        assertTrue(!Gate.matches("PlanningBenchmark.decide", "PlanningBenchmark.decideX"));
        assertTrue(!Gate.matches("Planning.*", "PlanningBenchmark.decide"));
    }
}
