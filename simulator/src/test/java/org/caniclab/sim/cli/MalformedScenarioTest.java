package org.caniclab.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed scenarios through the CLI entry: each must exit with 2, print one line naming the file, the key
 * path and what is accepted, and write nothing.
 */
class MalformedScenarioTest {
    @TempDir
    Path dir;

    private static final String POOL = """
            [pools.api]
            canister_role = "api_worker"
            """;

    private static final String LOAD = """
            [[load]]
            kind = "poisson"
            pool = "api"
            rate = 5
            """;

    /** name, scenario text, extra arguments, fragments the message must contain. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("unknown key", "[run]\nseed = 1\nsed = 2\n" + POOL, List.of(),
                        List.of("bad.toml:3: run.sed: unknown key 'sed' in [run] (did you mean 'seed'?)",
                                "accepted: name, seed, duration, warmup, sample_interval")),
                Arguments.of("unknown top-level table", "[runn]\nseed = 1\n" + POOL, List.of(),
                        List.of("bad.toml:1: runn: unknown key 'runn'", "accepted: expect, run, ic, hub, canic")),
                Arguments.of("wrong type", "[run]\nseed = \"one\"\n" + POOL, List.of(),
                        List.of("bad.toml:2: run.seed: wrong type: expected an integer", "got the string \"one\"")),
                Arguments.of("wrong type for a table", "hub = 3\n" + POOL, List.of(),
                        List.of("bad.toml:1: hub: wrong type: expected a table, got the integer 3")),
                Arguments.of("negative rate", POOL + LOAD.replace("rate = 5", "rate = -5"), List.of(),
                        List.of("bad.toml:6: load[0].rate: rate -5 is negative",
                                "accepted: requests per second, a number >= 0")),
                Arguments.of("max below min", POOL + "policy = { min_workers = 4, max_workers = 2 }\n", List.of(),
                        List.of("bad.toml:3: pools.api.policy.max_workers: max_workers 2 is below min_workers 4",
                                "accepted is max_workers >= min_workers, or 0 for no maximum")),
                Arguments.of("initial above max", POOL + "policy.initial_workers = 5\npolicy.max_workers = 3\n",
                        List.of(), List.of("bad.toml:3: pools.api.policy.initial_workers: initial_workers 5 is above "
                                + "max_workers 3")),
                Arguments.of("missing pool in a load", POOL + LOAD.replace("pool = \"api\"", "pool = \"apx\""),
                        List.of(), List.of("bad.toml:5: load[0].pool: no pool 'apx' in the scenario "
                                + "(did you mean 'api'?); accepted: api")),
                Arguments.of("missing pool in a call", POOL + "[[calls]]\nat = \"1s\"\ncall = \"create_worker\"\n"
                        + "pool = \"web\"\n", List.of(), List.of("bad.toml:6: calls[0].pool: no pool 'web'",
                        "accepted: api")),
                Arguments.of("bad duration", "[run]\nduration = \"10 parsecs\"\n" + POOL, List.of(),
                        List.of("bad.toml:2: run.duration: bad duration", "accepted: a duration such as \"250ms\"")),
                Arguments.of("duration without a unit", "[run]\nwarmup = \"30\"\n" + POOL, List.of(),
                        List.of("bad.toml:2: run.warmup: bad duration: \"30\" has no unit")),
                Arguments.of("unreadable trace file", POOL + "[[load]]\nkind = \"trace\"\nfile = \"traces/none.csv\"\n"
                        + "pool = \"api\"\n", List.of(), List.of("bad.toml:5: load[0].file: cannot read trace file",
                        "none.csv: no such file", "accepted: a path relative to the scenario file's folder")),
                Arguments.of("malformed trace row", POOL + "[[load]]\nkind = \"trace\"\nfile = \"t.csv\"\n"
                        + "pool = \"api\"\n", List.of(), List.of("t.csv:3: load[0].file: time_s \"soon\" is not a number",
                        "accepted: rows time_s[,pool]")),
                Arguments.of("bad mode", "[hub]\nmode = \"optimistic\"\n" + POOL, List.of(),
                        List.of("bad.toml:2: hub.mode: unknown mode \"optimistic\"",
                                "accepted: \"seed-0.33.3\", \"reserved\"")),
                Arguments.of("bad router", POOL + "router = \"round_robin\"\n", List.of(),
                        List.of("bad.toml:3: pools.api.router: unknown router \"round_robin\" (did you mean "
                                + "'round-robin'?)", "accepted: \"round-robin\", \"random\", \"shortest-queue\"")),
                Arguments.of("bad load kind", POOL + "[[load]]\nkind = \"periodic\"\n", List.of(),
                        List.of("bad.toml:4: load[0].kind: unknown load kind \"periodic\"",
                                "accepted: \"poisson\", \"burst\", \"trace\"")),
                Arguments.of("single [load] table", POOL + "[load]\nkind = \"burst\"\n", List.of(),
                        List.of("bad.toml:3: load: expected an array of tables", "write [[load]]")),
                Arguments.of("missing required key", "[pools.api]\nrouter = \"random\"\n", List.of(),
                        List.of("bad.toml:1: pools.api.canister_role: missing required key 'canister_role'")),
                Arguments.of("no pools", "[run]\nseed = 1\n", List.of(),
                        List.of("bad.toml: pools: the scenario defines no pool", "accepted: one or more [pools.<name>]")),
                Arguments.of("bad expectation", "expect = [\"pools.api.overshoot_peak = 0\"]\n" + POOL, List.of(),
                        List.of("bad.toml:1: expect[0]: invalid expectation", "operators: <, <=, >, >=, ==, !=")),
                Arguments.of("syntax error", "[run\nseed = 1\n" + POOL, List.of(),
                        List.of("bad.toml:1: TOML syntax error")),
                Arguments.of("bad --set path", POOL, List.of("--set", "pools.nope.policy.max_workers=4"),
                        List.of("bad.toml: --set pools.nope.policy.max_workers=4: there is no pool 'nope' to override; "
                                + "pools: api")),
                Arguments.of("bad --set key", POOL, List.of("--set", "hub.mdoe=reserved"),
                        List.of("bad.toml: hub.mdoe (from --set hub.mdoe=reserved): unknown key 'mdoe' in [hub] "
                                + "(did you mean 'mode'?); accepted: mode, bootstrap, topup_interval")),
                Arguments.of("bad --set value", POOL, List.of("--set", "hub.mode=fast"),
                        List.of("bad.toml: hub.mode (from --set hub.mode=fast): unknown mode \"fast\"",
                                "accepted: \"seed-0.33.3\", \"reserved\"")),
                Arguments.of("--set without =", POOL, List.of("--set", "hub.mode"),
                        List.of("bad.toml: --set hub.mode: not of the form key.path=value")),
                Arguments.of("bad canic.toml", "[canic]\nfile = \"canic.toml\"\n", List.of(),
                        List.of("canic.toml:6: subnets.prime.canisters.jobs_hub.scaling.pools.workers.policy.max_workers: "
                                + "max_workers 1 is below min_workers 2")));
    }

    @ParameterizedTest(name = "{0} ({index})")
    @MethodSource("cases")
    void replayExitsTwoWithOneLineAndWritesNothing(String name, String text, List<String> extra, List<String> fragments)
            throws IOException {
        check("replay", text, extra, fragments);
    }

    @ParameterizedTest(name = "{0} ({index})")
    @MethodSource("cases")
    void validateExitsTwoWithTheSameMessage(String name, String text, List<String> extra, List<String> fragments)
            throws IOException {
        check("validate", text, extra, fragments);
    }

    private void check(String command, String text, List<String> extra, List<String> fragments) throws IOException {
        Files.writeString(dir.resolve("t.csv"), "time_s,pool\n1.0,api\nsoon,api\n");
        Files.writeString(dir.resolve("canic.toml"), """
                [subnets.prime.canisters.jobs_hub]
                kind = "singleton"
                [subnets.prime.canisters.jobs_hub.scaling.pools.workers]
                canister_role = "job_worker"
                policy.min_workers = 2
                policy.max_workers = 1
                [subnets.prime.canisters.job_worker]
                kind = "replica"
                """);
        Path scenario = dir.resolve("bad.toml");
        Files.writeString(scenario, text);
        Path out = dir.resolve("out");
        List<String> args = new ArrayList<>(List.of(command, scenario.toString()));
        if (command.equals("replay")) {
            args.addAll(List.of("--out", out.toString()));
        }
        args.addAll(extra);

        Cli.Result r = Cli.run(Cli.NEVER, args.toArray(new String[0]));

        assertEquals(2, r.exit(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.errLines().size(), "one line:\n" + r.err());
        String line = r.errLines().get(0);
        assertTrue(line.startsWith("error: " + dir), line);
        for (String f : fragments) {
            assertTrue(line.contains(f), "missing <" + f + "> in:\n" + line);
        }
        assertFalse(line.contains("Exception") || line.contains("\tat "), line);
        assertFalse(Files.exists(out), "nothing may be written to the out dir");
    }
}
