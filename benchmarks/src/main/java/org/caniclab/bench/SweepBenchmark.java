package org.caniclab.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.caniclab.reports.SweepResult;
import org.caniclab.sim.Simulator;
import org.caniclab.sim.sweep.Sweep;
import org.caniclab.sim.sweep.SweepPlan;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * How a sweep scales over threads once the JIT has settled: one operation is a whole {@link Sweep#run} of
 * {@value #REPLICATIONS} replications of the shipped {@code scenarios/steady.toml} on {@code parallel} threads of
 * this JVM, every run's summary figures gathered in plan order (what {@code caniclab sweep} does before it writes
 * its files). Compare the two rows: time(parallel=1) / time(parallel=2) is the speed-up of the second thread.
 *
 * <p>Why a benchmark as well as the CLI's own figure: a {@code caniclab sweep} process of 1 000 such runs lasts under
 * a second, and for most of it the JIT compiles the code every run goes through (thousands of methods met once or a
 * few times per run) on threads of its own, which take the second core's time from the second sweep thread as much
 * as from anything else. Here the warm-up iterations leave that behind, so the ratio is the sweep's own: what a long
 * sweep, or a sweep run from a program that already ran one, gets from the cores. Not gated: on a shared 2-core
 * machine the ratio depends on what else runs there, and a gate on it would fail for reasons outside the code.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class SweepBenchmark {
    /** Runs per operation: the study size. About 0.2 to 0.4 s per operation on 2 cores. */
    static final int REPLICATIONS = 1_000;

    @Param({"1", "2"})
    public int parallel;

    private Path dir;
    private SweepPlan plan;
    private final Simulator simulator = new Simulator();

    @Setup
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("caniclab-sweep-bench");
        Path file = dir.resolve("steady.toml");
        try (InputStream in = SweepBenchmark.class.getResourceAsStream("/scenarios/steady.toml")) {
            if (in == null) {
                throw new IllegalStateException("scenarios/steady.toml is not on the class path");
            }
            Files.copy(in, file);
        }
        plan = new SweepPlan(file, List.of(), List.of(), REPLICATIONS, OptionalLong.empty());
    }

    @TearDown
    public void tearDown() throws IOException {
        Files.deleteIfExists(dir.resolve("steady.toml"));
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public SweepResult sweep() throws InterruptedException {
        return Sweep.run(plan, simulator, parallel, "bench", Sweep.Listener.NONE).result();
    }
}
