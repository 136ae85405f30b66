package org.caniclab.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.caniclab.core.config.ScalePoolPolicy;
import org.caniclab.core.ic.CanisterRole;
import org.caniclab.core.workflow.ConcurrencyMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.caniclab.sim.model.AutoscalerSpec;
import org.caniclab.sim.model.Distribution;
import org.caniclab.sim.model.ExpectationSpec;
import org.caniclab.sim.model.FaultWindow;
import org.caniclab.sim.model.HubSettings;
import org.caniclab.sim.model.IcModel;
import org.caniclab.sim.model.LoadSource;
import org.caniclab.sim.model.PoolSpec;
import org.caniclab.sim.model.RouterKind;
import org.caniclab.sim.model.RunSettings;
import org.caniclab.sim.model.Scenario;
import org.caniclab.sim.model.ScheduledCall;
import org.caniclab.sim.model.ServiceModel;

class ScenarioLoaderTest {
    @TempDir
    Path dir;

    private static final String MINIMAL = """
            [pools.api]
            canister_role = "api_worker"
            """;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private ScenarioException fails(String text, String... sets) throws IOException {
        Path p = write("bad.toml", text);
        return assertThrows(ScenarioException.class, () -> ScenarioLoader.load(p, List.of(sets)));
    }

    @Test
    void appliesDocumentedDefaultsToAMinimalScenario() throws IOException {
        Scenario s = ScenarioLoader.load(write("tiny.toml", MINIMAL));
        assertEquals("tiny", s.name());
        assertEquals(new RunSettings(1, 60_000_000_000L, 0, 1_000_000_000L), s.run());
        assertEquals(900_000_000L, s.ic().roundNanos());
        assertEquals(1, s.ic().callLatencyRounds());
        assertEquals(new Distribution.LogNormal(4_500_000_000L, 0.25), s.ic().createLatency());
        assertEquals(500_000_000_000L, s.ic().creationFeeCycles());
        assertEquals(1_000_000_000_000_000L, s.ic().rootCycles());
        assertEquals(120_000, s.ic().subnetCanisterLimit());
        assertEquals(new HubSettings(ConcurrencyMode.SEED_0_33_3, true, 0), s.hub());
        PoolSpec api = s.pools().get(0);
        assertEquals(new PoolSpec("api", new CanisterRole("api_worker"), ScalePoolPolicy.DEFAULT, 5_000_000_000_000L,
                new ServiceModel.PerRound(100, 500), RouterKind.ROUND_ROBIN, Optional.empty()), api);
        assertTrue(s.loads().isEmpty() && s.calls().isEmpty() && s.faults().isEmpty() && s.expectations().isEmpty());
    }

    @Test
    void readsEveryKey() throws IOException {
        write("traces/t.csv", "time_s,pool\n0.5,api\n1.0,\n");
        Scenario s = ScenarioLoader.load(write("full.toml", """
                expect = ["pools.api.overshoot_peak == 0", "events > 0"]

                [run]
                name = "full-case"
                seed = -7
                duration = "2m"
                warmup = "10s"
                sample_interval = "250ms"

                [ic]
                round = "1s"
                call_latency_rounds = 2
                create_latency = {dist = "uniform", min = "2s", max = "4s"}
                creation_fee = "100B"
                root_cycles = 50_000_000_000_000
                subnet_canister_limit = 1000

                [hub]
                mode = "reserved"
                bootstrap = false
                topup_interval = "5s"

                [pools.api]
                canister_role = "api_worker"
                policy.initial_workers = 0
                policy.max_workers = 0
                initial_cycles = "2.5T"
                service = {model = "continuous", service_time = {dist = "exponential", mean = "20ms"}, queue_capacity = 7}
                router = "shortest-queue"
                autoscaler = {target_utilization = 0.5, cooldown = "1m", interval = "2s"}

                [pools.batch]
                canister_role = "batch_worker"
                policy = {min_workers = 3, max_workers = 4}
                service = {model = "shared-queue", service_time = "1s"}
                router = "random"

                [pools.edge]
                canister_role = "edge_worker"
                [pools.edge.service]
                capacity_per_round = 5
                queue_capacity = "unbounded"

                [[load]]
                kind = "poisson"
                pool = "api"
                rate = 12.5

                [[load]]
                kind = "poisson"
                name = "ramp"
                pool = "api"
                schedule = [{from = "0", to = "30s", rate = 1}, {from = "1m", to = "2m", start_rate = 1, end_rate = 9}]

                [[load]]
                kind = "burst"
                pool = "batch"
                at = "30s"
                requests = 100
                spread = "1s"

                [[load]]
                kind = "trace"
                file = "traces/t.csv"
                pool = "api"

                [[load]]
                kind = "poisson"
                pool = "api"
                rate = 0

                [[calls]]
                at = "10s"
                call = "plan_create_worker"
                pool = "batch"

                [[calls]]
                at = "1s"
                call = "create_worker"
                pool = "api"
                count = 8

                [[faults]]
                kind = "orphan_after_create"
                probability = 0.25

                [[faults]]
                from = "10s"
                to = "20s"
                kind = "root_reject"
                """));
        assertEquals("full-case", s.name());
        assertEquals(new RunSettings(-7, 120_000_000_000L, 10_000_000_000L, 250_000_000L), s.run());
        assertEquals(new IcModel(1_000_000_000L, 2, new Distribution.Uniform(2_000_000_000L, 4_000_000_000L),
                100_000_000_000L, 50_000_000_000_000L, 1000), s.ic());
        assertEquals(new HubSettings(ConcurrencyMode.RESERVED, false, 5_000_000_000L), s.hub());
        assertEquals(List.of("api", "batch", "edge"), s.pools().stream().map(PoolSpec::name).toList());
        PoolSpec api = s.pools().get(0);
        assertEquals(new ScalePoolPolicy(0, 1, 0), api.policy());
        assertEquals(2_500_000_000_000L, api.initialCycles());
        assertEquals(new ServiceModel.Continuous(new Distribution.Exponential(20_000_000L), 7), api.service());
        assertEquals(RouterKind.SHORTEST_QUEUE, api.router());
        assertEquals(Optional.of(new AutoscalerSpec(0.5, 60_000_000_000L, 2_000_000_000L)), api.autoscaler());
        PoolSpec batch = s.pools().get(1);
        assertEquals(new ScalePoolPolicy(1, 3, 4), batch.policy());
        assertEquals(new ServiceModel.SharedQueue(new Distribution.Fixed(1_000_000_000L), ServiceModel.UNBOUNDED), batch.service());
        assertEquals(RouterKind.RANDOM, batch.router());
        assertEquals(new ServiceModel.PerRound(5, ServiceModel.UNBOUNDED), s.pools().get(2).service());

        assertEquals(List.of("poisson-api", "ramp", "burst-batch", "trace-api", "poisson-api-2"),
                s.loads().stream().map(LoadSource::name).toList());
        assertEquals(new LoadSource.Poisson("poisson-api", "api",
                List.of(new LoadSource.RateSegment(0, 120_000_000_000L, 12.5, 12.5))), s.loads().get(0));
        assertEquals(List.of(new LoadSource.RateSegment(0, 30_000_000_000L, 1, 1),
                new LoadSource.RateSegment(60_000_000_000L, 120_000_000_000L, 1, 9)),
                ((LoadSource.Poisson) s.loads().get(1)).schedule());
        assertEquals(new LoadSource.Burst("burst-batch", "batch", 30_000_000_000L, 100, 1_000_000_000L),
                s.loads().get(2));
        LoadSource.Trace trace = (LoadSource.Trace) s.loads().get(3);
        assertEquals(dir.resolve("traces/t.csv").toAbsolutePath().normalize(), trace.file());
        assertEquals(Optional.of("api"), trace.defaultPool());

        // calls sorted by time, file order kept within an instant
        assertEquals(List.of(new ScheduledCall(1_000_000_000L, ScheduledCall.Kind.CREATE_WORKER, "api", 8),
                new ScheduledCall(10_000_000_000L, ScheduledCall.Kind.PLAN_CREATE_WORKER, "batch", 1)), s.calls());
        assertEquals(List.of(new FaultWindow(0, 120_000_000_000L, FaultWindow.Kind.ORPHAN_AFTER_CREATE, 0.25),
                new FaultWindow(10_000_000_000L, 20_000_000_000L, FaultWindow.Kind.ROOT_REJECT, 1.0)), s.faults());
        String full = dir.resolve("full.toml").toString();
        assertEquals(List.of(new ExpectationSpec("pools.api.overshoot_peak == 0", full, 1, "expect[0]"),
                new ExpectationSpec("events > 0", full, 1, "expect[1]")), s.expectations());
    }

    @Test
    void overridesAnyKeyBeforeValidation() throws IOException {
        Path p = write("o.toml", MINIMAL + """
                [[load]]
                kind = "poisson"
                pool = "api"
                rate = 5
                """);
        Scenario s = ScenarioLoader.load(p, List.of("hub.mode=reserved", "pools.api.policy.max_workers=4",
                "run.seed=7", "run.duration=30s", "load[0].rate=50", "pools.api.autoscaler.interval=2s",
                "expect=[\"pools.api.workers_peak <= 4\"]", "hub.bootstrap=false", "ic.root_cycles=5T"));
        assertEquals(ConcurrencyMode.RESERVED, s.hub().mode());
        assertEquals(new ScalePoolPolicy(1, 1, 4), s.pools().get(0).policy());
        assertEquals(7, s.run().seed());
        assertEquals(30_000_000_000L, s.run().durationNanos());
        assertEquals(50.0, ((LoadSource.Poisson) s.loads().get(0)).schedule().get(0).startRate());
        // the constant rate covers the overridden duration
        assertEquals(30_000_000_000L, ((LoadSource.Poisson) s.loads().get(0)).schedule().get(0).toNanos());
        assertEquals(2_000_000_000L, s.pools().get(0).autoscaler().orElseThrow().intervalNanos());
        assertEquals(List.of(new ExpectationSpec("pools.api.workers_peak <= 4", p.toString(), 0,
                "expect[0] (from --set expect=[\"pools.api.workers_peak <= 4\"])")), s.expectations());
        assertEquals(false, s.hub().bootstrap());
        assertEquals(5_000_000_000_000L, s.ic().rootCycles());
        // dotted index form too
        assertEquals(9.0, ((LoadSource.Poisson) ScenarioLoader.load(p, List.of("load.0.rate=9")).loads().get(0))
                .schedule().get(0).startRate());
    }

    @Test
    void namesTheOverrideWhenAnOverriddenValueIsBad() throws IOException {
        ScenarioException e = fails(MINIMAL, "run.duration=5x");
        assertEquals(0, e.line());
        assertEquals("run.duration (from --set run.duration=5x)", e.keyPath());
        assertTrue(e.problem().contains("accepted"), e.getMessage());

        e = fails(MINIMAL, "pools.api.polcy.max_workers=4");
        assertTrue(e.getMessage().contains("pools.api.polcy (from --set pools.api.polcy.max_workers=4)"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'policy'"), e.getMessage());
    }

    @Test
    void rejectsBadOverridePaths() throws IOException {
        assertTrue(fails(MINIMAL, "hub.mode").getMessage().contains("key.path=value"));
        assertTrue(fails(MINIMAL, "pools.nope.policy.max_workers=4").getMessage()
                .contains("--set pools.nope.policy.max_workers=4: there is no pool 'nope' to override; pools: api"));
        assertTrue(fails(MINIMAL, "load[3].rate=1").getMessage().contains("out of range"));
        assertTrue(fails(MINIMAL + "[[load]]\nkind = \"burst\"\npool = \"api\"\nat = \"1s\"\nrequests = 1\n",
                "load[1].at=2s").getMessage().contains("index 1 is out of range; accepted: 0 to 0"));
        assertTrue(fails(MINIMAL, "pools[0]=1").getMessage().contains("not an array"));
        assertTrue(fails(MINIMAL + "[run]\nseed = 1\n", "run.seed.x=1").getMessage().contains("is a value"));
        assertTrue(fails(MINIMAL, "run..seed=1").getMessage().contains("empty segment"));
        assertTrue(fails(MINIMAL, "bogus=1").getMessage().contains("unknown key 'bogus' in the top level"));
    }

    @Test
    void locatesSemanticErrorsByLine() throws IOException {
        ScenarioException e = fails("""
                [run]
                seed = 1

                [pools.api]
                canister_role = "api_worker"
                policy = { min_workers = 4, max_workers = 2 }

                [[load]]
                kind = "poisson"
                pool = "api"
                rate = 1

                [[load]]
                kind = "poisson"
                pool = "api"
                schedule = [
                  { from = "0", to = "1s", rate = 1 },
                  { from = "1s", to = "2s", rate = -3 },
                ]
                """);
        assertEquals(6, e.line(), e.getMessage());
        assertEquals("pools.api.policy.max_workers", e.keyPath());
        assertTrue(e.problem().contains("max_workers 2 is below min_workers 4"), e.getMessage());

        e = fails("""
                [pools.api]
                canister_role = "api_worker"

                [[load]]
                kind = "poisson"
                pool = "api"
                rate = 1

                [[load]]
                kind = "poisson"
                pool = "api"
                schedule = [
                  { from = "0", to = "1s", rate = 1 },
                  { from = "1s", to = "2s", rate = -3 },
                ]
                """);
        assertEquals(14, e.line(), e.getMessage());
        assertEquals("load[1].schedule[1].rate", e.keyPath());
        assertTrue(e.problem().contains("rate -3 is negative"), e.getMessage());
    }

    @Test
    void reportsSyntaxErrorsWithTheParsersLine() throws IOException {
        ScenarioException e = fails("[run]\nseed = 1\n[hub]\nmode = reserved\n");
        assertEquals(4, e.line());
        assertTrue(e.problem().startsWith("TOML syntax error"), e.getMessage());
        assertTrue(e.problem().contains("strings need double quotes"), e.getMessage());
    }

    @Test
    void explainsExpectWrittenAfterATable() throws IOException {
        ScenarioException e = fails(MINIMAL + "expect = [\"events > 0\"]\n");
        assertEquals("pools.api.expect", e.keyPath());
        assertTrue(e.problem().contains("before the first [table]"), e.getMessage());
    }

    @Test
    void readsPoolsFromCanicToml() throws IOException {
        write("canic.toml", CANIC);
        Scenario s = ScenarioLoader.load(write("c.toml", """
                [canic]
                file = "canic.toml"

                [pools.workers]
                router = "random"
                """));
        assertEquals(1, s.pools().size());
        PoolSpec w = s.pools().get(0);
        assertEquals(new PoolSpec("workers", new CanisterRole("job_worker"), new ScalePoolPolicy(1, 2, 8),
                3_000_000_000_000L, ScenarioLoader.DEFAULT_SERVICE, RouterKind.RANDOM, Optional.empty()), w);
    }

    @Test
    void appliesCanicValidationNamingCanicTomlAndItsLine() throws IOException {
        write("canic.toml", CANIC.replace("policy.max_workers = 8", "policy.max_workers = 1"));
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(write("c.toml", """
                [canic]
                file = "canic.toml"
                hub = "jobs_hub"
                """)));
        assertTrue(e.file().endsWith("canic.toml"), e.getMessage());
        assertEquals(16, e.line(), e.getMessage());
        assertEquals("subnets.prime.canisters.jobs_hub.scaling.pools.workers.policy.max_workers", e.keyPath());

        write("canic.toml", CANIC.replace("kind = \"replica\"", "kind = \"shard\""));
        e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(dir.resolve("c.toml")));
        assertTrue(e.problem().contains("needs kind 'replica'"), e.getMessage());

        write("canic.toml", CANIC.replace("kind = \"replica\"", "kind = \"tenant\""));
        e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(dir.resolve("c.toml")));
        assertTrue(e.problem().contains("unknown canister kind \"tenant\""), e.getMessage());
        assertEquals(20, e.line());
    }

    @Test
    void keepsCanicOwnedKeysInCanicToml() throws IOException {
        write("canic.toml", CANIC);
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(write("c.toml", """
                [canic]
                file = "canic.toml"
                [pools.workers]
                policy = {max_workers = 4}
                """)));
        assertEquals("pools.workers.policy", e.keyPath());
        assertEquals(4, e.line());
        e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(write("c.toml", """
                [canic]
                file = "canic.toml"
                [pools.other]
                router = "random"
                """)));
        assertTrue(e.problem().contains("no pool 'other'"), e.getMessage());
        e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(write("c.toml", """
                [canic]
                file = "canic.toml"
                hub = "nobody"
                """)));
        assertEquals("canic.hub", e.keyPath());
        assertTrue(e.problem().contains("jobs_hub"), e.getMessage());
    }

    @Test
    void checksTraceRowsNamingTheTraceFileAndLine() throws IOException {
        write("t.csv", "# a comment\ntime_s,pool\n0.5,api\n0.25,api\n");
        ScenarioException e = fails(MINIMAL + "[[load]]\nkind = \"trace\"\nfile = \"t.csv\"\n");
        assertTrue(e.file().endsWith("t.csv"), e.getMessage());
        assertEquals(4, e.line());
        assertEquals("load[0].file", e.keyPath());
        assertTrue(e.problem().contains("earlier than the previous row"), e.getMessage());

        write("t.csv", "1.0\n");
        e = fails(MINIMAL + "[[load]]\nkind = \"trace\"\nfile = \"t.csv\"\n");
        assertTrue(e.problem().contains("row names no pool"), e.getMessage());

        write("t.csv", "1.0,nope\n");
        e = fails(MINIMAL + "[[load]]\nkind = \"trace\"\nfile = \"t.csv\"\n");
        assertTrue(e.problem().contains("no pool 'nope'"), e.getMessage());

        // headerless rows with a default pool are fine
        write("t.csv", "1.0\n2.0,api\n");
        ScenarioLoader.load(write("ok.toml", MINIMAL + "[[load]]\nkind = \"trace\"\nfile = \"t.csv\"\npool = \"api\"\n"));
    }

    @Test
    void namesUnreadableFiles() throws IOException {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.load(dir.resolve("missing.toml")));
        assertTrue(e.getMessage().contains("cannot read scenario file") && e.getMessage().contains("no such file"),
                e.getMessage());
        e = fails(MINIMAL + "[[load]]\nkind = \"trace\"\nfile = \"traces/none.csv\"\npool = \"api\"\n");
        assertEquals("load[0].file", e.keyPath());
        assertEquals(5, e.line());
        assertTrue(e.problem().contains("cannot read trace file"), e.getMessage());
    }

    @Test
    void locatesKeysInInlineTablesArraysAndDottedKeys() {
        String text = """
                top = 1
                [a]
                b.c = 2          # dotted
                d = { e = 3, f = [ { g = 4 },
                  { g = 5 } ] }
                [[arr]]
                x = "]"
                [[arr]]
                x = \"\"\"
                multi
                \"\"\"
                y = 'q'
                [arr.sub]
                z = 1
                """;
        Source lines = new Source("t.toml", TomlDocument.parse(text, "t.toml"));
        assertEquals(1, lines.lineOf(KeyPath.ROOT.child("top")));
        assertEquals(3, lines.lineOf(KeyPath.ROOT.child("a").child("b").child("c")));
        assertEquals(4, lines.lineOf(KeyPath.ROOT.child("a").child("d").child("e")));
        assertEquals(5, lines.lineOf(KeyPath.ROOT.child("a").child("d").child("f").index(1).child("g")));
        assertEquals(7, lines.lineOf(KeyPath.ROOT.child("arr").index(0).child("x")));
        assertEquals(12, lines.lineOf(KeyPath.ROOT.child("arr").index(1).child("y")));
        assertEquals(14, lines.lineOf(KeyPath.ROOT.child("arr").index(1).child("sub").child("z")));
        // a key that is not written falls back to its table
        assertEquals(2, lines.lineOf(KeyPath.ROOT.child("a").child("missing")));
        assertEquals(0, lines.lineOf(KeyPath.ROOT.child("nowhere")));
    }

    @Test
    void keepsPoolsInNameOrderAndDefaultLoadNamesUnique() throws IOException {
        Scenario s = ScenarioLoader.load(write("o.toml", """
                [pools.zeta]
                canister_role = "w"
                [pools.alpha]
                canister_role = "w"
                [[load]]
                kind = "burst"
                pool = "zeta"
                at = "1s"
                requests = 1
                [[load]]
                kind = "burst"
                pool = "zeta"
                at = "2s"
                requests = 1
                [[load]]
                kind = "burst"
                name = "burst-zeta-3"
                pool = "zeta"
                at = "2s"
                requests = 1
                [[load]]
                kind = "burst"
                pool = "zeta"
                at = "3s"
                requests = 1
                """));
        assertEquals(List.of("alpha", "zeta"), s.pools().stream().map(PoolSpec::name).toList());
        List<String> names = s.loads().stream().map(LoadSource::name).toList();
        assertEquals(names.size(), names.stream().distinct().count(), names.toString());
        assertTrue(s.pools().get(0).autoscaler().isEmpty());
    }

    static final String CANIC = """
            controllers = []
            app_index = ["jobs_hub"]

            [subnets.prime]
            auto_create = ["jobs_hub"]
            subnet_index = ["jobs_hub"]

            [subnets.prime.canisters.root]
            kind = "root"

            [subnets.prime.canisters.jobs_hub]
            kind = "singleton"

            [subnets.prime.canisters.jobs_hub.scaling.pools.workers]
            canister_role = "job_worker"
            policy.max_workers = 8
            policy.min_workers = 2

            [subnets.prime.canisters.job_worker]
            kind = "replica"
            initial_cycles = "3T"
            """;
}
