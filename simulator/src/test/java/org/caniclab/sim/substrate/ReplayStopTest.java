package org.caniclab.sim.substrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.caniclab.core.ic.CreateOutcome;
import org.caniclab.core.ic.CreateRequest;
import org.caniclab.sim.RunStoppedException;
import org.caniclab.sim.model.Scenario;
import org.caniclab.sim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A network replay stops on its stop flag while it waits on an endpoint that does not answer, long before the call
 * timeout would end it, and without the flag it still ends at the timeout (exit 3's path): SIGINT/SIGTERM reach the
 * PocketIC and IC backends as they reach the simulator.
 */
class ReplayStopTest {
    private static final long T0 = 1_700_000_000_000_000_000L;

    @TempDir
    Path dir;

    /** An endpoint whose creates never complete (its clock moves 3 s when asked for one); it counts what it was asked. */
    private static final class Silent implements RemoteIc {
        final AtomicInteger creates = new AtomicInteger();
        volatile long time = T0;

        @Override
        public String describe() {
            return "a silent endpoint";
        }

        @Override
        public long lastKnownTime() {
            return time;
        }

        @Override
        public long syncTime() {
            return lastKnownTime();
        }

        @Override
        public CompletionStage<CreateOutcome> createCanister(CreateRequest request, BigInteger cycles) {
            creates.incrementAndGet();
            time = T0 + 3_000_000_000L;
            return new CompletableFuture<>();
        }

        @Override
        public long createdCount() {
            return 0;
        }

        @Override
        public void close() {}
    }

    private Scenario scenario() throws IOException {
        Path file = Files.writeString(dir.resolve("stop.toml"), """
                [hub]
                bootstrap = false
                [pools.api]
                canister_role = "api"
                policy = { initial_workers = 0, min_workers = 2, max_workers = 4 }
                [[calls]]
                at = "5s"
                call = "create_worker"
                pool = "api"
                """);
        return ScenarioLoader.load(file, List.of());
    }

    @Test
    void aStopRequestEndsTheWaitWithinAPollOrTwo() throws IOException {
        Scenario s = scenario();
        Silent remote = new Silent();
        AtomicBoolean stop = new AtomicBoolean();
        Thread signal = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            stop.set(true);
        });
        signal.start();
        long started = System.nanoTime();
        RunStoppedException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
                RunStoppedException.class,
                () -> OrchestrationReplay.run(s, remote, "test", Duration.ofMinutes(10), stop::get)));
        long waitedMs = (System.nanoTime() - started) / 1_000_000;
        // Ten minutes was the bound; the flag set at 300 ms ends it at the next poll (100 ms), with slack for a busy
        // machine, and the run says how far it got in the endpoint's time and how long it was to be.
        assertTrue(waitedMs < 10_000, "stopped after " + waitedMs + " ms");
        assertEquals(1, remote.creates.get(), "the one call was sent before the stop");
        assertEquals(3_000_000_000L, e.simulatedNanos(), "endpoint time since the replay's start");
        assertEquals(5_000_000_000L, e.durationNanos(), "the last call's time");
    }

    @Test
    void withoutAStopTheCallTimeoutStillEndsIt() throws IOException {
        Scenario s = scenario();
        SubstrateUnavailableException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
                SubstrateUnavailableException.class,
                () -> OrchestrationReplay.run(s, new Silent(), "test", Duration.ofMillis(350), () -> false)));
        assertTrue(e.getMessage().contains("a silent endpoint did not finish the 1 call at 5s within 350ms"),
                e.getMessage());
    }
}
