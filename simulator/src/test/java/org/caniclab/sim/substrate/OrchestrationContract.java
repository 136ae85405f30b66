package org.caniclab.sim.substrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.caniclab.sim.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * One contract for the orchestration, run unchanged on every backend through the command line, as a user runs it:
 * the bootstrap, a create below min, a refusal at max, a failure of root's create, the seed's race in
 * {@code seed-0.33.3} and none in {@code reserved}, each with its exact Canic metric rows. A backend's test extends
 * this with its endpoint's arguments and a way to make root's next create fail.
 */
public abstract class OrchestrationContract {
    @TempDir
    protected Path dir;

    /** The {@code replay} arguments that select this backend and its endpoint. */
    protected abstract List<String> backendArgs();

    /** Makes root's next create fail on this backend; returns extra {@code replay} arguments it needs, if any. */
    protected abstract List<String> failNextCreate();

    protected record Replay(int exit, String err, JsonNode summary, List<String> metrics, List<String> events) {}

    protected Replay replay(String toml, String... extra) throws IOException {
        Path scenario = Files.writeString(dir.resolve("case.toml"), toml);
        Path out = dir.resolve("out-" + System.nanoTime());
        List<String> args = new ArrayList<>(List.of("replay", scenario.toString(), "--out", out.toString(), "--quiet"));
        args.addAll(backendArgs());
        args.addAll(List.of(extra));
        CommandLine cli = Main.newCommandLine();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args.toArray(new String[0]));
        assertTrue(exit == 0 || exit == 1, "replay exited " + exit + ": " + err);
        List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
        List<String> events = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("events.csv")).subList(1, Files.readAllLines(
                out.resolve("events.csv")).size())) {
            String[] cells = line.split(",", 5); // time_s,pool,call,outcome,detail
            events.add(cells[1] + " " + cells[2] + " " + cells[3]);
        }
        return new Replay(exit, err.toString(), new ObjectMapper().readTree(out.resolve("summary.json").toFile()),
                metrics.subList(1, metrics.size()), events);
    }

    private static String pool(int initial, int min, int max) {
        return """
                [run]
                duration = "5m"

                [hub]
                bootstrap = true

                [pools.api]
                canister_role = "api_worker"
                policy = {initial_workers = %d, min_workers = %d, max_workers = %d}
                """.formatted(initial, min, max);
    }

    /** {@code count} overlapping calls, late enough that the simulator's bootstrap has finished (networks wait). */
    private static String calls(int count) {
        return """

                [[calls]]
                at = "60s"
                call = "create_worker"
                pool = "api"
                count = %d
                """.formatted(count);
    }

    private static int figure(Replay r, String field) {
        return r.summary().path("pools").path("api").path(field).asInt(-1);
    }

    @Test
    void theBootstrapCreatesTheInitialWorkers() throws IOException {
        Replay r = replay(pool(2, 2, 4));
        assertEquals(2, figure(r, "workers_final"));
        assertEquals(2, figure(r, "creates_completed"));
        assertEquals(sorted(List.of("bootstrap_config,started,ok,1", "bootstrap_config,completed,ok,1",
                "bootstrap_pool,started,ok,1", "bootstrap_pool,completed,ok,1", "create_worker,started,ok,2",
                "create_worker,completed,ok,2", "register_worker,started,ok,2", "register_worker,completed,ok,2")),
                sorted(r.metrics()));
        assertEquals(List.of(" bootstrap started", "api create_worker started", "api create_worker completed",
                "api create_worker started", "api create_worker completed", " bootstrap completed"), r.events());
    }

    @Test
    void aCreateBelowMinSpawnsAndOneAtMaxIsRefusedBeforeRootIsAsked() throws IOException {
        Replay below = replay(pool(1, 2, 2) + calls(1));
        assertEquals(2, figure(below, "workers_final"));
        assertTrue(below.metrics().contains("plan_create,completed,below_min_workers,1"), below.metrics().toString());
        Replay atMax = replay(pool(2, 2, 2) + calls(1));
        assertEquals(2, figure(atMax, "creates_started"), "nothing sent for the refused call");
        assertTrue(atMax.metrics().contains("plan_create,skipped,at_max_workers,1"), atMax.metrics().toString());
        assertEquals("api create_worker skipped", atMax.events().get(atMax.events().size() - 1));
    }

    @Test
    void aFailedCreateFailsTheBootstrapWithRootsReason() throws IOException {
        List<String> extra = failNextCreate();
        Replay r = replay(pool(1, 1, 2), extra.toArray(new String[0]));
        assertEquals(0, figure(r, "workers_final"));
        assertEquals(1, figure(r, "creates_failed"));
        assertEquals(sorted(List.of("bootstrap_config,started,ok,1", "bootstrap_config,failed,policy_denied,1",
                "bootstrap_pool,started,ok,1", "bootstrap_pool,failed,policy_denied,1", "create_worker,started,ok,1",
                "create_worker,failed,policy_denied,1")), sorted(r.metrics()));
        assertEquals(List.of(" bootstrap started", "api create_worker started", "api create_worker failed",
                " bootstrap failed"), r.events());
    }

    @Test
    void overlappingCallsRaceInTheSeedModeAndNotInReserved() throws IOException {
        Replay seed = replay(pool(1, 2, 2) + calls(4));
        assertEquals(5, figure(seed, "workers_peak"), "four calls that all observed one worker all spawn");
        assertEquals(3, figure(seed, "overshoot_peak"));
        assertTrue(seed.metrics().contains("plan_create,completed,below_min_workers,4"), seed.metrics().toString());
        Replay reserved = replay(pool(1, 2, 2) + calls(4), "--set", "hub.mode=reserved");
        assertEquals(2, figure(reserved, "workers_peak"));
        assertEquals(0, figure(reserved, "overshoot_peak"));
        assertTrue(reserved.metrics().contains("plan_create,completed,below_min_workers,1"),
                reserved.metrics().toString());
        assertTrue(reserved.metrics().contains("plan_create,skipped,at_max_workers,3"), reserved.metrics().toString());
        assertEquals(2, figure(reserved, "creates_started"));
    }

    private static List<String> sorted(List<String> rows) {
        return rows.stream().sorted().toList();
    }
}
