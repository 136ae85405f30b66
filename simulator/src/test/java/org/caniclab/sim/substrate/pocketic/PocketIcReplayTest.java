package org.caniclab.sim.substrate.pocketic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.caniclab.reports.OrchestrationEvent;
import org.caniclab.reports.PoolSummary;
import org.caniclab.reports.RequestStats;
import org.caniclab.reports.RunResult;
import org.caniclab.sim.model.Scenario;
import org.caniclab.sim.scenario.ScenarioLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.caniclab.sim.substrate.OrchestrationReplay;
import org.caniclab.sim.substrate.SubstrateUnavailableException;

/** {@link PocketIcSubstrate} (the shared {@link OrchestrationReplay} on PocketIC) on the strict fake: what it refuses, the cycles it sends, failures and bounds. */
class PocketIcReplayTest {
    @TempDir
    Path dir;

    private final FakePocketIc fake = FakePocketIc.start();

    @AfterEach
    void stopFake() {
        fake.close();
    }

    private static RunResult replay(Scenario s, PocketIcClient client) {
        return replay(s, client, OrchestrationReplay.DEFAULT_CALL_TIMEOUT);
    }

    private static RunResult replay(Scenario s, PocketIcClient client, Duration callTimeout) {
        return PocketIcSubstrate.atUrl(URI.create(client.serverUrl()), callTimeout).replay(s, client);
    }

    private Scenario scenario(String toml) throws IOException {
        Path file = dir.resolve("case.toml");
        Files.writeString(file, toml);
        return ScenarioLoader.load(file, List.of());
    }

    private static final String TWO_POOLS = """
            [hub]
            bootstrap = true

            [pools.api]
            canister_role = "api_worker"
            initial_cycles = "%s"
            policy = {initial_workers = 1, min_workers = 1, max_workers = 4}

            [pools.batch]
            canister_role = "batch_worker"
            initial_cycles = "%s"
            policy = {initial_workers = 1, min_workers = 1, max_workers = 4}
            """;

    @Test
    void sendsThePoolsInitialCyclesWhenTheyAgreeElseTheLargest() throws IOException {
        assertEquals(new BigInteger("3000000000000"), OrchestrationReplay.cyclesPerCanister(scenario(TWO_POOLS.formatted("3T", "3T"))));
        Scenario differ = scenario(TWO_POOLS.formatted("2T", "7T"));
        assertEquals(new BigInteger("7000000000000"), OrchestrationReplay.cyclesPerCanister(differ));

        RunResult r = replay(differ, PocketIcClient.connect(fake.url(), PocketIcClientTest.FAST));
        for (PoolSummary p : r.pools()) {
            assertEquals(1, p.workersFinal(), p.name());
            assertEquals(7_000_000_000_000L, p.cyclesSpent(), "completed x the cycles actually sent: " + p.name());
            assertEquals(RequestStats.NONE, p.requests());
        }
        for (var id : fake.allocated(0)) {
            assertEquals(new BigInteger("7000000000000"), fake.canister(0, id).cycles());
        }
        assertEquals(1, r.header().events(), "one call: the bootstrap");
        assertTrue(r.latencyHistograms().isEmpty() && r.timeline().isEmpty());
    }

    @Test
    void namesWhatItCannotReplayAndRefusesIt() throws IOException {
        Scenario s = scenario("""
                [hub]
                topup_interval = "5s"

                [pools.api]
                canister_role = "api_worker"
                autoscaler = {interval = "2s"}

                [[load]]
                kind = "burst"
                pool = "api"
                at = "1s"
                requests = 10

                [[faults]]
                kind = "root_reject"
                """);
        assertEquals(List.of("[[load]]", "[[faults]]", "hub.topup_interval", "pools.api.autoscaler"),
                OrchestrationReplay.unsupportedKeys(s));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> replay(s, PocketIcClient.connect(fake.url(), PocketIcClientTest.FAST)));
        assertTrue(e.getMessage().startsWith("backend pocketic replays the bootstrap and [[calls]] only"), e.getMessage());
        assertEquals(0, fake.requests().size());
    }

    @Test
    void countsARejectedCreateAsFailedAndGoesOnWithTheCalls() throws IOException {
        Scenario s = scenario("""
                [pools.api]
                canister_role = "api_worker"
                policy = {initial_workers = 1, min_workers = 1, max_workers = 4}

                [[calls]]
                at = "0"
                call = "create_worker"
                pool = "api"
                """);
        fake.rejectNextCreate(new FakePocketIc.Reject(4, 403, "insufficient cycles for create_canister"));
        RunResult r = replay(s, PocketIcClient.connect(fake.url(), PocketIcClientTest.FAST));
        PoolSummary api = r.pools().get(0);
        assertEquals(2, api.createsStarted());
        assertEquals(1, api.createsCompleted());
        assertEquals(1, api.createsFailed());
        assertEquals(1, api.workersFinal());
        assertEquals(5_000_000_000_000L, api.cyclesSpent(), "only the completed create is paid for");
        List<String> calls = r.events().stream().map(e -> e.call() + " " + e.outcome()).toList();
        assertEquals(List.of("bootstrap started", "create_worker started", "create_worker failed", "bootstrap failed",
                "create_worker started", "create_worker completed"), calls);
        OrchestrationEvent failed = r.events().toList().get(2);
        assertTrue(failed.detail().contains("insufficient cycles"), failed.detail());
        assertTrue(fake.deleted(0));
    }

    @Test
    void givesUpOnAServerThatDoesNotFinishInTime() throws IOException {
        Scenario s = scenario("""
                [pools.api]
                canister_role = "api_worker"
                """);
        // A v9.0.3-like server whose create needs 200 rounds of tick + ingress_status: 400 requests, far more
        // than fit in the bound of 2 x 10 ms (the bootstrap's one initial worker, plus one).
        fake.awaitMissing(true);
        fake.ticksPerMessage(200);
        PocketIcClient client = PocketIcClient.connect(fake.url(), PocketIcClientTest.FAST.withFallbackRounds(500));
        SubstrateUnavailableException e = assertThrows(SubstrateUnavailableException.class,
                () -> replay(s, client, Duration.ofMillis(10)));
        assertEquals("PocketIC server at " + fake.url() + " did not finish the bootstrap within 20ms "
                + "(0 canisters created so far)", e.getMessage());
        assertTrue(fake.deleted(0), "the instance is deleted on failure too");
    }

    @Test
    void reportsAServerThatCannotCreateAnInstanceAsUnavailable() throws IOException {
        Scenario s = scenario("""
                [pools.api]
                canister_role = "api_worker"
                """);
        fake.failNext(1, 500, "out of disk");
        // status is not an instance request, so the failure hits the first one: reading the instance time
        SubstrateUnavailableException e = assertThrows(SubstrateUnavailableException.class,
                () -> replay(s, PocketIcClient.connect(fake.url(), PocketIcClientTest.FAST)));
        assertTrue(e.getMessage().startsWith("PocketIC server at " + fake.url() + " cannot read the instance time: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("out of disk"), e.getMessage());
        assertTrue(fake.deleted(0));
    }
}
