package org.caniclab.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.caniclab.core.ic.Principal;
import org.caniclab.sim.substrate.pocketic.LoopbackPocketIc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code replay --backend pocketic}, in-process against the strict loopback fake (and, opt-in, a real server):
 * the race of {@code bootstrap-race.toml} on real management calls, the refusals and the exit codes.
 *
 * <p>Why the fake's outcome is exact: the bootstrap is waited for (1 worker registered), then the group at
 * {@code at = 0} issues its four {@code create_worker} calls in one task on the hub thread, so all four plan
 * on the count 1 before any answer from root can run. In {@code seed-0.33.3} each sees 1 &lt; min 2 and spawns:
 * 1 + 4 = 5 workers. In {@code reserved} the first call's reservation makes the others see 2 = max and refuse:
 * 2 workers. Root's creates then go to the fake one at a time, each executing one round (1 ns of instance time).
 */
class PocketIcBackendTest {
    /** No environment variable is set. */
    static final Function<String, String> NO_ENV = name -> null;

    @TempDir
    Path dir;

    private final LoopbackPocketIc fake = LoopbackPocketIc.start();

    @AfterEach
    void stopFake() {
        fake.close();
    }

    private static String scenario(String file) {
        return Cli.scenarios().resolve(file).toString();
    }

    private Cli.Result replayRace(Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("replay", scenario("bootstrap-race.toml"),
                "--backend", "pocketic", "--pocketic-url", fake.url(), "--out", out.toString()));
        args.addAll(List.of(more));
        return Cli.run(Cli.NEVER, NO_ENV, args.toArray(new String[0]));
    }

    private static JsonNode summary(Path out) throws IOException {
        return new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    }

    @Test
    void replaysTheBootstrapRaceOnPocketIcAndOvershootsInSeedMode() throws IOException {
        Path out = dir.resolve("seed");
        Cli.Result r = replayRace(out);
        assertEquals(0, r.exit(), r.out() + r.err()); // the scenario's expectations hold on PocketIC too
        assertEquals("", r.err());
        assertTrue(r.out().contains("backend            pocketic\n"), r.out());
        assertTrue(r.out().contains("all 3 expectations met"), r.out());
        assertTrue(r.out().contains("report: " + out + " (7 files)"), r.out()); // no histograms: no .hgrm

        JsonNode s = summary(out);
        assertEquals("pocketic", s.get("backend").asText());
        assertEquals("seed-0.33.3", s.get("mode").asText());
        assertEquals(5, s.get("events").asLong(), "the bootstrap and four create_worker calls");
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"simulated_seconds\": 0.000000005,\n"),
                "instance time elapsed: five creates, one round (1 ns) each on the fake");
        JsonNode api = s.at("/pools/api");
        assertEquals(5, api.get("workers_peak").asInt());
        assertEquals(5, api.get("workers_final").asInt());
        assertEquals(3, api.get("overshoot_peak").asInt());
        assertEquals(5, api.get("creates_started").asInt());
        assertEquals(5, api.get("creates_completed").asInt());
        assertEquals(0, api.get("creates_failed").asInt());
        assertEquals(0, api.get("creates_orphaned").asInt());
        assertEquals(new BigInteger("25000000000000"), api.get("cycles_spent").bigIntegerValue(), "5 x 5T");
        assertEquals(0, api.at("/requests/arrived").asLong());
        assertEquals(Map.of("plan_create/completed/below_min_workers", 4L, "create_worker/completed/ok", 5L),
                rows(s, "plan_create/completed/below_min_workers", "create_worker/completed/ok"));

        List<Principal> made = fake.allocated(0);
        assertEquals(5, new TreeSet<>(made).size(), "five real canisters on the instance");
        for (Principal p : made) {
            assertEquals(new BigInteger("5000000000000"), fake.cycles(0, p), "the role's initial_cycles were sent");
        }
        assertTrue(fake.deleted(0), "the run deletes its instance");
        assertEquals("""
                time_s,pool,call,outcome,desired,workers,reserved,arrivals,calls,detail
                0,,bootstrap,started,,,,,,
                0,api,create_worker,started,,,,,,via bootstrap
                0.000000001,api,create_worker,completed,,,,,,%s
                0.000000001,,bootstrap,completed,,,,,,
                0.000000001,api,create_worker,started,,,,,,via scheduled
                0.000000001,api,create_worker,started,,,,,,via scheduled
                0.000000001,api,create_worker,started,,,,,,via scheduled
                0.000000001,api,create_worker,started,,,,,,via scheduled
                0.000000002,api,create_worker,completed,,,,,,%s
                0.000000003,api,create_worker,completed,,,,,,%s
                0.000000004,api,create_worker,completed,,,,,,%s
                0.000000005,api,create_worker,completed,,,,,,%s
                """.formatted(made.stream().map(Principal::toText).toArray()), Files.readString(out.resolve("events.csv")));
        assertEquals("time_s,pool,workers,reserved,in_flight,queue_depth,utilization,arrivals,rejections\n",
                Files.readString(out.resolve("timeline.csv")));
    }

    @Test
    void reservedModeHoldsMaxWorkersOnPocketIc() throws IOException {
        Path out = dir.resolve("reserved");
        Cli.Result r = replayRace(out, "--set", "hub.mode=reserved");
        assertEquals(1, r.exit(), r.out() + r.err()); // the scenario expects the race: its FAIL is the fix working
        assertTrue(r.out().contains("FAIL    pools.api.workers_peak == 5    2"), r.out());
        JsonNode s = summary(out);
        assertEquals("reserved", s.get("mode").asText());
        assertEquals(2, s.at("/pools/api/workers_peak").asInt());
        assertEquals(2, s.at("/pools/api/workers_final").asInt());
        assertEquals(0, s.at("/pools/api/overshoot_peak").asInt());
        assertEquals(2, s.at("/pools/api/creates_started").asInt());
        assertEquals(Map.of("plan_create/skipped/at_max_workers", 3L, "plan_create/completed/below_min_workers", 1L),
                rows(s, "plan_create/skipped/at_max_workers", "plan_create/completed/below_min_workers"));
        assertEquals(2, fake.allocated(0).size(), "only two canisters were ever asked for");
        assertEquals(3, Files.readString(out.resolve("events.csv")).lines()
                .filter(l -> l.contains(",create_worker,skipped,,,,,,via scheduled: pool 'api' at max_workers (2/2)")).count());

        Cli.Result fixed = replayRace(dir.resolve("fixed"), "--set", "hub.mode=reserved",
                "--set", "expect=[\"pools.api.overshoot_peak == 0\", \"pools.api.workers_peak == 2\"]", "-q");
        assertEquals(0, fixed.exit(), fixed.out() + fixed.err());
        assertEquals("", fixed.out() + fixed.err());
    }

    @Test
    void writesTheSameReportTwiceOnTheFake() throws IOException {
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        assertEquals(0, replayRace(first, "-q").exit());
        try (LoopbackPocketIc other = LoopbackPocketIc.start()) {
            Cli.Result r = Cli.run(Cli.NEVER, NO_ENV, "replay", scenario("bootstrap-race.toml"), "--backend",
                    "pocketic", "--pocketic-url", other.url(), "--out", second.toString(), "-q");
            assertEquals(0, r.exit(), r.err());
        }
        for (String f : List.of("summary.json", "summary.txt", "events.csv", "metrics.csv", "timeline.csv")) {
            assertEquals(Files.readString(first.resolve(f)), Files.readString(second.resolve(f)), f);
        }
    }

    @Test
    void issuesGroupsInTimeOrderAndPlanCallsChangeNothing() throws IOException {
        Path file = dir.resolve("groups.toml");
        Files.writeString(file, """
                [hub]
                bootstrap = false

                [pools.api]
                canister_role = "api_worker"
                initial_cycles = "2T"
                policy = {initial_workers = 0, min_workers = 2, max_workers = 3}

                [[calls]]
                at = "2s"
                call = "create_worker"
                pool = "api"
                count = 2

                [[calls]]
                at = "1s"
                call = "create_worker"
                pool = "api"

                [[calls]]
                at = "1s"
                call = "plan_create_worker"
                pool = "api"
                """);
        Path out = dir.resolve("groups");
        Cli.Result r = Cli.run(Cli.NEVER, NO_ENV, "replay", file.toString(), "--backend", "pocketic",
                "--pocketic-url", fake.url(), "--out", out.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        List<Principal> made = fake.allocated(0);
        // 1s: the create is in flight, so the plan still sees 0 and would spawn; 2s: both calls see 1 < 2 and spawn.
        assertEquals("""
                time_s,pool,call,outcome,desired,workers,reserved,arrivals,calls,detail
                0,api,create_worker,started,,,,,,via scheduled
                0,api,plan_create_worker,completed,,,,,,would spawn
                0.000000001,api,create_worker,completed,,,,,,%s
                0.000000001,api,create_worker,started,,,,,,via scheduled
                0.000000001,api,create_worker,started,,,,,,via scheduled
                0.000000002,api,create_worker,completed,,,,,,%s
                0.000000003,api,create_worker,completed,,,,,,%s
                """.formatted(made.stream().map(Principal::toText).toArray()), Files.readString(out.resolve("events.csv")));
        JsonNode s = summary(out);
        assertEquals(4, s.get("events").asLong());
        assertEquals(3, s.at("/pools/api/workers_peak").asInt());
        assertEquals(new BigInteger("6000000000000"), s.at("/pools/api/cycles_spent").bigIntegerValue());
        assertEquals(new BigInteger("2000000000000"), fake.cycles(0, made.get(0)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "steady.toml|[[load]]",
        "creation-failures.toml|[[load]], [[faults]], hub.topup_interval",
        "diurnal.toml|[[load]], pools.web.autoscaler"})
    void refusesWhatItCannotReplayNamingTheKeys(String file, String keys) {
        Path out = dir.resolve("refused");
        Cli.Result r = Cli.run(Cli.NEVER, NO_ENV, "replay", scenario(file), "--backend", "pocketic",
                "--pocketic-url", fake.url(), "--out", out.toString());
        assertEquals(2, r.exit(), r.err());
        assertEquals(List.of("error: " + scenario(file) + ": " + keys + ": backend pocketic replays the bootstrap and "
                + "[[calls]] only; accepted: [run] seed and name, [hub] mode and bootstrap, [pools.<name>] "
                + "canister_role, policy and initial_cycles, [[calls]] and expect (replay the rest with --backend sim)"),
                r.errLines());
        assertEquals("", r.out());
        assertFalse(Files.exists(out), "nothing is written");
        assertEquals(0, fake.requestCount(), "refused before the server is asked anything");
    }

    @Test
    void exitsThreeWhenThePocketIcUrlIsUnreachable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        String url = "http://127.0.0.1:" + port;
        Path out = dir.resolve("unreachable");
        Cli.Result r = Cli.run(Cli.NEVER, NO_ENV, "replay", scenario("bootstrap-race.toml"), "--backend", "pocketic",
                "--pocketic-url", url, "--out", out.toString());
        assertEquals(3, r.exit(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        String line = r.errLines().get(0);
        assertTrue(line.startsWith("error: --pocketic-url: PocketIC server at " + url + " is unreachable (GET /status)"),
                line);
        assertTrue(line.contains("POCKET_IC_BIN"), line);
        assertFalse(r.err().contains("\tat "), "no stack trace");
        assertFalse(Files.exists(out), "nothing is written");
    }

    @Test
    void exitsThreeWithoutAServerUrlOrPocketIcBin() {
        Path out = dir.resolve("none");
        Cli.Result r = Cli.run(Cli.NEVER, NO_ENV, "replay", scenario("bootstrap-race.toml"), "--backend", "pocketic",
                "--out", out.toString());
        assertEquals(3, r.exit(), r.err());
        assertEquals(List.of("error: backend pocketic needs a PocketIC server: pass --pocketic-url URL of a running "
                + "one, or set POCKET_IC_BIN to a pocket-ic binary to start one"), r.errLines());
        assertFalse(Files.exists(out));
    }

    @Test
    void exitsThreeWhenPocketIcBinCannotBeStarted() {
        Path bin = dir.resolve("missing/pocket-ic");
        Cli.Result r = Cli.run(Cli.NEVER, name -> name.equals("POCKET_IC_BIN") ? bin.toString() : null, "replay",
                scenario("bootstrap-race.toml"), "--backend", "pocketic", "--out", dir.resolve("x").toString());
        assertEquals(3, r.exit(), r.err());
        assertEquals(List.of("error: POCKET_IC_BIN: PocketIC binary " + bin + " does not exist or is not a file"),
                r.errLines());
    }

    @Test
    void rejectsABadUrlAndAUrlWithoutThePocketIcBackend() {
        Cli.Result bad = Cli.run(Cli.NEVER, NO_ENV, "replay", scenario("bootstrap-race.toml"), "--backend", "pocketic",
                "--pocketic-url", "127.0.0.1:8080");
        assertEquals(2, bad.exit(), bad.err());
        assertTrue(bad.err().startsWith("error: --pocketic-url '127.0.0.1:8080' is not a server URL; accepted: "
                + "http://HOST:PORT or https://HOST:PORT"), bad.err());
        Cli.Result sim = Cli.run(Cli.NEVER, NO_ENV, "replay", scenario("bootstrap-race.toml"), "--pocketic-url",
                fake.url());
        assertEquals(2, sim.exit(), sim.err());
        assertTrue(sim.err().startsWith("error: --pocketic-url applies to --backend pocketic only"), sim.err());
        assertEquals(0, fake.requestCount());
    }

    /** Opt-in: the CLI starts a real server from POCKET_IC_BIN (v9-v15) and stops it at the end. */
    @Test
    void replaysTheBootstrapRaceOnARealPocketIcServer() throws IOException {
        if (System.getenv("POCKET_IC_BIN") == null) {
            String reason = "POCKET_IC_BIN not set: point it at a pocket-ic server binary (v9-v15) to run this test";
            System.err.println("[PocketIcBackendTest] skipped: " + reason);
            Assumptions.abort(reason);
        }
        Path seed = dir.resolve("real-seed");
        Cli.Result r = Cli.run(Cli.NEVER, System::getenv, "replay", scenario("bootstrap-race.toml"), "--backend",
                "pocketic", "--out", seed.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.err().startsWith("pocketic: started "), r.err());
        assertEquals("pocketic", summary(seed).get("backend").asText());
        assertEquals(5, summary(seed).at("/pools/api/workers_peak").asInt());
        assertEquals(5, summary(seed).at("/pools/api/creates_completed").asInt());

        Path reserved = dir.resolve("real-reserved");
        Cli.Result fixed = Cli.run(Cli.NEVER, System::getenv, "replay", scenario("bootstrap-race.toml"), "--backend",
                "pocketic", "--out", reserved.toString(), "--set", "hub.mode=reserved", "-q");
        assertEquals(1, fixed.exit(), fixed.out() + fixed.err());
        assertEquals(2, summary(reserved).at("/pools/api/workers_peak").asInt());
    }

    /** The named metric rows ({@code operation/outcome/reason}) and their counts. */
    private static Map<String, Long> rows(JsonNode summary, String... labels) {
        Map<String, Long> found = new java.util.TreeMap<>();
        List<String> wanted = List.of(labels);
        for (JsonNode m : summary.get("metrics")) {
            String label = m.get("operation").asText() + "/" + m.get("outcome").asText() + "/" + m.get("reason").asText();
            if (wanted.contains(label)) {
                found.put(label, m.get("count").asLong());
            }
        }
        return found;
    }
}
