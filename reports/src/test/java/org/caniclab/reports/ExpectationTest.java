package org.caniclab.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExpectationTest {

    private static final JsonNode SUMMARY = SummaryPaths.toJson(Fixtures.smallRun());

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a.b < 1    | LT", "a.b <= 1 | LE", "a.b > 1 | GT",
            "a.b >= 1   | GE", "a.b == 1 | EQ", "a.b != 1 | NE"})
    void parsesEachOperator(String expression, Expectation.Op op) {
        assertEquals(new Expectation("a.b", op, 1.0), Expectation.parse(expression));
    }

    @Test
    void parsesWithOrWithoutWhitespace() {
        Expectation expected = new Expectation("pools.api.requests.latency_ms.p99", Expectation.Op.LE, 250.5);
        assertEquals(expected, Expectation.parse("pools.api.requests.latency_ms.p99<=250.5"));
        assertEquals(expected, Expectation.parse("  pools.api.requests.latency_ms.p99   <=\t250.5  "));
        assertEquals(new Expectation("x", Expectation.Op.GT, -0.5), Expectation.parse("x > -5e-1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.b = 1", "a.b => 1", "a.b <> 1", "a.b ~ 1", "a.b 1"})
    void rejectsUnknownOperatorNamingExpressionAndAcceptedOperators(String expression) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Expectation.parse(expression));
        assertTrue(e.getMessage().contains("\"" + expression + "\""), e.getMessage());
        assertTrue(e.getMessage().contains("<, <=, >, >=, ==, !="), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.b <", "a.b ==  ", "== 1", "", "a.b < one", "a.b < NaN", "a..b < 1", "a.b < 1 2"})
    void rejectsMissingOrMalformedParts(String expression) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Expectation.parse(expression));
        assertTrue(e.getMessage().startsWith("invalid expectation \"" + expression + "\""), e.getMessage());
    }

    @Test
    void passesWhenComparisonHolds() {
        ExpectationResult r = Expectation.parse("pools.api.requests.latency_ms.p99 <= 3").evaluate(SUMMARY);

        assertTrue(r.passed());
        assertEquals(new ExpectationResult("pools.api.requests.latency_ms.p99 <= 3",
                "pools.api.requests.latency_ms.p99", "<=", "3", "3", true), r);
    }

    @Test
    void failsWhenComparisonDoesNotHold() {
        ExpectationResult r = Expectation.parse("pools.api.overshoot_peak==0").evaluate(SUMMARY);

        assertFalse(r.passed());
        assertEquals("1", r.measured());
        assertEquals("pools.api.overshoot_peak == 0", r.expression());
    }

    @Test
    void comparesRoundedFiguresAsWritten() {
        // utilization_mean 0.123456 is written as 0.1235; expectations see the written figure.
        assertTrue(Expectation.parse("pools.api.requests.utilization_mean == 0.1235").evaluate(SUMMARY).passed());
    }

    @Test
    void failsOnMissingPath() {
        ExpectationResult r = Expectation.parse("pools.db.overshoot_peak == 0").evaluate(SUMMARY);

        assertFalse(r.passed());
        assertEquals(Expectation.MISSING, r.measured());
    }

    @Test
    void failsOnNonNumericValue() {
        ExpectationResult text = Expectation.parse("backend == 0").evaluate(SUMMARY);
        ExpectationResult object = Expectation.parse("pools.api > 0").evaluate(SUMMARY);

        assertFalse(text.passed());
        assertEquals("sim", text.measured());
        assertFalse(object.passed());
        assertEquals("<object>", object.measured());
    }

    @Test
    void evaluatesAgainstParsedSummaryFileToo() throws Exception {
        JsonNode parsed = new ObjectMapper().readTree(Json.print(SUMMARY));

        assertEquals(Expectation.parse("pools.api.requests.latency_ms.mean > 1.2").evaluate(SUMMARY),
                Expectation.parse("pools.api.requests.latency_ms.mean > 1.2").evaluate(parsed));
    }

    @Test
    void looksUpArrayIndexesAndPoolNamesContainingDots() throws Exception {
        JsonNode tree = new ObjectMapper().readTree("{\"pools\":{\"eu.api\":{\"workers_peak\":4}},\"m\":[{\"c\":7}]}");

        assertEquals(4, SummaryPaths.lookup(tree, "pools.eu.api.workers_peak").orElseThrow().asInt());
        assertEquals(7, SummaryPaths.lookup(tree, "m.0.c").orElseThrow().asInt());
        assertTrue(SummaryPaths.lookup(tree, "m.1.c").isEmpty());
        assertTrue(SummaryPaths.lookup(tree, "").isEmpty());
    }
}
