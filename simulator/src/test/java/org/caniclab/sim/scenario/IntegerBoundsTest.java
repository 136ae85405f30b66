package org.caniclab.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.caniclab.sim.model.LoadSource;
import org.caniclab.sim.model.Scenario;
import org.caniclab.sim.model.ScheduledCall;
import org.caniclab.sim.model.ServiceModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every integer key, at its limits, written in the file and given with {@code --set}: values are exact (no
 * 19-digit integer loses digits), and a value past a limit is refused naming the key and the limit, never
 * rounded or truncated.
 */
class IntegerBoundsTest {
    @TempDir
    Path dir;

    static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    static final BigInteger U128_MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    /** A scenario with every integer key set; {@code KEY} marks the one under test. */
    private static String scenario(String table, String key, String value) {
        String base = """
                [run]
                seed = 1
                [ic]
                call_latency_rounds = 1
                subnet_canister_limit = 100
                creation_fee = 1
                root_cycles = 1000
                [pools.api]
                canister_role = "api_worker"
                initial_cycles = 1
                policy.initial_workers = 1
                policy.min_workers = 1
                policy.max_workers = 0
                [pools.api.service]
                capacity_per_round = 1
                queue_capacity = 1
                [[load]]
                kind = "burst"
                pool = "api"
                at = "1s"
                requests = 1
                [[calls]]
                at = "1s"
                call = "create_worker"
                pool = "api"
                count = 1
                """;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^(\\[" + java.util.regex.Pattern.quote(table)
                + "\\]\\n(?:.*\\n)*?)" + java.util.regex.Pattern.quote(key) + " = \\S+").matcher(base);
        if (!m.find()) {
            throw new IllegalStateException("no " + key + " in [" + table + "]");
        }
        return base.substring(0, m.start()) + m.group(1) + key + " = " + value + base.substring(m.end());
    }

    private Scenario load(String text, String... sets) throws IOException {
        Path p = dir.resolve("s.toml");
        Files.writeString(p, text);
        return ScenarioLoader.load(p, List.of(sets));
    }

    /** table, key, --set path, minimum, maximum, how to read the value back. */
    static Stream<Arguments> keys() {
        ToLongFunction<Scenario> seed = s -> s.run().seed();
        return Stream.of(
                Arguments.of("run", "seed", "run.seed", LONG_MIN, LONG_MAX, seed),
                Arguments.of("ic", "call_latency_rounds", "ic.call_latency_rounds", BigInteger.ZERO,
                        BigInteger.valueOf(1000), (ToLongFunction<Scenario>) s -> s.ic().callLatencyRounds()),
                Arguments.of("ic", "subnet_canister_limit", "ic.subnet_canister_limit", BigInteger.ONE,
                        BigInteger.valueOf(Integer.MAX_VALUE),
                        (ToLongFunction<Scenario>) s -> s.ic().subnetCanisterLimit()),
                Arguments.of("ic", "creation_fee", "ic.creation_fee", BigInteger.ZERO, LONG_MAX,
                        (ToLongFunction<Scenario>) s -> s.ic().creationFeeCycles()),
                Arguments.of("ic", "root_cycles", "ic.root_cycles", BigInteger.ZERO, LONG_MAX,
                        (ToLongFunction<Scenario>) s -> s.ic().rootCycles()),
                Arguments.of("pools.api", "initial_cycles", "pools.api.initial_cycles", BigInteger.ZERO, LONG_MAX,
                        (ToLongFunction<Scenario>) s -> s.pools().get(0).initialCycles()),
                Arguments.of("pools.api", "policy.initial_workers", "pools.api.policy.initial_workers",
                        BigInteger.ZERO, BigInteger.valueOf(Integer.MAX_VALUE),
                        (ToLongFunction<Scenario>) s -> s.pools().get(0).policy().initialWorkers()),
                Arguments.of("pools.api", "policy.max_workers", "pools.api.policy.max_workers",
                        BigInteger.ZERO, BigInteger.valueOf(Integer.MAX_VALUE),
                        (ToLongFunction<Scenario>) s -> s.pools().get(0).policy().maxWorkers()),
                Arguments.of("pools.api.service", "capacity_per_round", "pools.api.service.capacity_per_round",
                        BigInteger.ONE, BigInteger.valueOf(Integer.MAX_VALUE),
                        (ToLongFunction<Scenario>) s -> ((ServiceModel.PerRound) s.pools().get(0).service())
                                .capacityPerRound()),
                Arguments.of("pools.api.service", "queue_capacity", "pools.api.service.queue_capacity",
                        BigInteger.ONE, BigInteger.valueOf(Integer.MAX_VALUE),
                        (ToLongFunction<Scenario>) s -> ((ServiceModel.PerRound) s.pools().get(0).service())
                                .queueCapacity()),
                Arguments.of("[load]", "requests", "load[0].requests", BigInteger.ONE,
                        BigInteger.valueOf(Integer.MAX_VALUE),
                        (ToLongFunction<Scenario>) s -> ((LoadSource.Burst) s.loads().get(0)).requests()),
                Arguments.of("[calls]", "count", "calls[0].count", BigInteger.ONE,
                        BigInteger.valueOf(ScheduledCall.MAX_COUNT),
                        (ToLongFunction<Scenario>) s -> s.calls().get(0).count()));
    }

    private static boolean isCycles(String key) {
        return key.endsWith("cycles") || key.equals("creation_fee");
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("keys")
    void acceptsEachLimitExactlyInTheFileAndWithSet(String table, String key, String set, BigInteger min,
            BigInteger max, ToLongFunction<Scenario> read) throws IOException {
        for (BigInteger v : List.of(min, max)) {
            assertEquals(v.longValueExact(), read.applyAsLong(load(scenario(table, key, v.toString()))), key + "=" + v);
            assertEquals(v.longValueExact(), read.applyAsLong(load(scenario(table, key, "1"), set + "=" + v)),
                    "--set " + set + "=" + v);
        }
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("keys")
    void refusesOnePastEachLimitNamingTheKey(String table, String key, String set, BigInteger min, BigInteger max,
            ToLongFunction<Scenario> read) throws IOException {
        List<BigInteger> past = new java.util.ArrayList<>(List.of(max.add(BigInteger.ONE), LONG_MAX.add(BigInteger.ONE),
                min.subtract(BigInteger.ONE)));
        if (isCycles(key)) {
            past.add(U128_MAX);
            past.add(U128_MAX.add(BigInteger.ONE));
        }
        if (max.compareTo(LONG_MAX) < 0) {
            past.add(LONG_MAX);
        }
        for (BigInteger v : past) {
            String text = scenario(table, key, v.toString());
            ScenarioException e = assertThrows(ScenarioException.class, () -> load(text), key + " = " + v);
            assertTrue(e.keyPath().endsWith(key), e.getMessage());
            assertTrue(e.line() > 0, e.getMessage());
            assertTrue(e.problem().contains(v.toString()), e.getMessage());
            String limit = (v.compareTo(max) > 0 ? max : min).toString();
            assertTrue(e.problem().contains(limit), "names the limit " + limit + ": " + e.getMessage());
            assertEquals(1, e.getMessage().lines().count());

            e = assertThrows(ScenarioException.class, () -> load(scenario(table, key, "1"), set + "=" + v),
                    "--set " + set + "=" + v);
            assertTrue(e.keyPath().contains("(from --set " + set + "=" + v + ")"), e.getMessage());
            assertTrue(e.problem().contains(limit), "names the limit " + limit + ": " + e.getMessage());
        }
    }

    @Test
    void keepsEveryDigitOfNineteenDigitIntegers() throws IOException {
        // jackson-dataformat-toml 2.21 (FasterXML/jackson-dataformats-text#663) read these as 123456789 and 1.
        String text = scenario("run", "seed", "1");
        assertEquals(1234567890123456789L, load(text, "run.seed=1234567890123456789").run().seed());
        assertEquals(1000000000000000001L, load(text, "run.seed=1000000000000000001").run().seed());
        assertEquals(1234567890123456789L, load(scenario("run", "seed", "1234567890123456789")).run().seed());
        assertEquals(9000000000000000000L,
                load(text, "pools.api.initial_cycles=9000000000000000000").pools().get(0).initialCycles());
        assertEquals(-1234567890123456789L, load(text, "run.seed=-1234567890123456789").run().seed());
    }

    @Test
    void cyclesWrittenAsTextHaveTheSameLimit() throws IOException {
        String text = scenario("run", "seed", "1");
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> load(text, "ic.root_cycles=\"" + U128_MAX + "\""));
        assertTrue(e.problem().contains("too large") && e.problem().contains(LONG_MAX.toString()), e.getMessage());
        assertEquals(Long.MAX_VALUE, load(text, "ic.root_cycles=\"" + LONG_MAX + "\"").ic().rootCycles());
    }

    @Test
    void locatesAnOversizedIntegerInsideAnInlineTableAndAnArray() throws IOException {
        ScenarioException e = assertThrows(ScenarioException.class, () -> load("""
                [pools.api]
                canister_role = "api_worker"
                policy = {min_workers = 1,
                          max_workers = 99999999999999999999}
                """));
        // TOML 1.0 forbids newlines in inline tables: tomlj's syntax error at its line comes first.
        assertTrue(e.line() == 3 || e.line() == 4, e.getMessage());
        e = assertThrows(ScenarioException.class, () -> load("""
                [pools.api]
                canister_role = "api_worker"
                policy = {min_workers = 1, max_workers = 99999999999999999999}
                """));
        assertEquals(3, e.line(), e.getMessage());
        assertEquals("pools.api.policy.max_workers", e.keyPath());
        assertTrue(e.problem().contains("99999999999999999999 is out of range"), e.getMessage());
        e = assertThrows(ScenarioException.class, () -> load("""
                expect = ["events > 0",
                  99999999999999999999]
                [pools.api]
                canister_role = "api_worker"
                """));
        assertEquals(2, e.line(), e.getMessage());
        assertEquals("expect[1]", e.keyPath());
        assertTrue(e.problem().contains("got the integer 99999999999999999999"), e.getMessage());
    }
}
