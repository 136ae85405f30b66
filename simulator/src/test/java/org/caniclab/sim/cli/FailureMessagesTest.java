package org.caniclab.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.caniclab.sim.substrate.SubstrateUnavailableException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One-line failures: echoed values are capped with their length, usage errors are one line plus the hint. */
class FailureMessagesTest {
    @TempDir
    Path dir;
    Path scenario;

    @BeforeEach
    void writeScenario() throws IOException {
        scenario = Files.writeString(dir.resolve("case.toml"), """
                [pools.api]
                canister_role = "api_worker"
                policy = {min_workers = 1, max_workers = 2}
                """);
    }

    @Test
    void aLongValueIsCutAfter200CharactersAndItsLengthSaid() {
        String value = "9".repeat(5000);
        String line = Failures.oneLine("case.toml: run.seed: '" + value + "' is not an integer; accepted: 0 to 2^63-1");
        assertEquals("case.toml: run.seed: '" + "9".repeat(199) + "… (5000 characters)' is not an integer; "
                + "accepted: 0 to 2^63-1", line);
    }

    @Test
    void aLongLineKeepsItsBeginningAndItsEnd() {
        String words = "ab ".repeat(2000);
        String line = Failures.oneLine("trace.csv:2: " + words + "; accepted: rows time_s[,pool]");
        assertTrue(line.length() <= Failures.MAX_LINE + 60, line.length() + ": " + line);
        assertTrue(line.startsWith("trace.csv:2: ab ab"), line);
        assertTrue(line.endsWith("; accepted: rows time_s[,pool]"), line);
        assertTrue(line.matches(".* … \\(\\d+ of 6\\d{3} characters left out\\) … .*"), line);
    }

    @Test
    void rawBytesBecomeOneVisibleLine() {
        String raw = "HTTP 500: \u0000\u001b[31mpanic\u0007\r\n  at line 1\n\tand\u0085more";
        assertEquals("HTTP 500: ??[31mpanic? at line 1 and more", Failures.oneLine(raw));
    }

    @Test
    void aFiveThousandCharacterOverrideIsEchoedCapped() {
        Cli.Result r = Cli.run(Cli.NEVER, "validate", scenario.toString(), "--set", "hub.mode=" + "x".repeat(5000));
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().length() < 1200, r.err().length() + ": " + r.err());
        assertTrue(r.err().contains("… (5000 characters)"), r.err());
        assertTrue(r.err().contains("accepted"), r.err());
    }

    @Test
    void aHugeTraceFieldIsEchoedCapped() throws IOException { // the reader refuses longer lines unechoed
        Files.writeString(dir.resolve("t.csv"), "time_s,pool\n" + "1".repeat(59_999) + "x,api\n");
        Files.writeString(scenario, Files.readString(scenario) + """
                [[load]]
                kind = "trace"
                file = "t.csv"
                pool = "api"
                """);
        Cli.Result r = Cli.run(Cli.NEVER, "validate", scenario.toString());
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.errLines().size());
        assertTrue(r.err().length() < 1200, r.err().length() + ": " + r.err().substring(0, Math.min(300, r.err().length())));
        assertTrue(r.err().contains(" (60000 characters)"), r.err()); // the reader may cap it first
    }

    @Test
    void aServersRawResponseIsEchoedCappedOnOneLine() {
        String body = "<html>\n" + "\u001b[0m".repeat(10) + "z".repeat(100_000) + "\n</html>";
        Cli.Result r = Cli.run((s, p) -> {
            throw new SubstrateUnavailableException("PocketIC server at http://127.0.0.1:1 answered 502: " + body);
        }, "replay", scenario.toString(), "--out", dir.resolve("out").toString());
        assertEquals(3, r.exit(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().length() < 1200, String.valueOf(r.err().length()));
        assertFalse(r.err().contains("\u001b"), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "9223372036854775808", "1.5", "0x10", ""})
    void seedSaysWhatItAccepts(String seed) {
        Cli.Result r = Cli.run(Cli.NEVER, "replay", scenario.toString(), "--seed", seed);
        assertEquals(2, r.exit(), r.err());
        assertEquals(List.of("error: Invalid value for option '--seed': '" + seed + "' is not a seed; accepted: an "
                + "integer from 0 to 9223372036854775807 (2^63-1)", "Run 'caniclab replay --help' for usage."),
                r.errLines());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "9223372036854775807", "+7"})
    void seedTakesTheWholeRange(String seed) {
        Cli.Fake fake = new Cli.Fake(1);
        Cli.Result r = Cli.run(fake, "replay", scenario.toString(), "--seed", seed, "-q", "--out",
                dir.resolve("out").toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(Long.parseLong(seed.replace("+", "")), fake.seen.get(0).run().seed());
    }

    @ParameterizedTest
    @ValueSource(strings = {"replay a.toml --sed 3", "replay a.toml --frobnicate", "repaly x.toml", "",
        "replay a.toml --backend foo"})
    void usageErrorsAreOneLinePlusTheHelpHint(String args) {
        Cli.Result r = Cli.run(Cli.NEVER, args.isEmpty() ? new String[0] : args.split(" "));
        assertEquals(2, r.exit(), r.err());
        assertEquals(2, r.errLines().size(), r.err());
        assertTrue(r.errLines().get(0).startsWith("error: "), r.err());
        assertTrue(r.errLines().get(1).matches("Run 'caniclab( replay)? --help' for usage\\."), r.err());
    }

    @Test
    void anUnknownOptionNamesTheLikelyOnesOnTheSameLine() {
        Cli.Result r = Cli.run(Cli.NEVER, "replay", "a.toml", "--sed", "3");
        assertTrue(r.errLines().get(0).contains("did you mean --set or --seed?"), r.err());
    }
}
