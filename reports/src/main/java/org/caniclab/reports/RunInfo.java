package org.caniclab.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How fast a run went and on what JVM, for {@code run-info.json}. It is the one output that depends
 * on the wall clock and the machine, which is why it is kept apart from {@link RunResult}: every
 * other file is a pure function of scenario and seed.
 *
 * <pre>{@code
 * long start = System.nanoTime();
 * // ... run ...
 * RunInfo info = RunInfo.capture((System.nanoTime() - start) / 1e9, result.header().events());
 * }</pre>
 *
 * @param wallSeconds elapsed wall-clock time: the sum of {@code phases} when they are given (the whole command)
 * @param eventsPerSecond engine events per wall-clock second; 0 when no time elapsed
 * @param javaVersion {@code java.version}
 * @param jvmName {@code java.vm.name}
 * @param availableProcessors processors the JVM could use
 * @param maxHeapBytes the JVM's maximum heap
 * @param substrate what the substrate says about itself (a network backend's endpoint and agent version), in key
 *     order; empty for the simulator, and then not written
 * @param phases the parts of the wall time in the order they ran (e.g. {@code load}, {@code run}, {@code write});
 *     empty when the caller measured one span
 * @param provenance how the report was made (scenario file, overrides, seed, tool version, backend); written as
 *     {@code "provenance"} when present
 * @param jit the JIT the run had, e.g. {@code "tiered"} or {@code "quick (C1 only)"}; empty when not said, and then
 *     not written
 */
public record RunInfo(
        double wallSeconds,
        double eventsPerSecond,
        String javaVersion,
        String jvmName,
        int availableProcessors,
        long maxHeapBytes,
        SortedMap<String, String> substrate,
        List<Phase> phases,
        Optional<Provenance> provenance,
        String jit) {

    /** One named part of the wall time, seconds. */
    public record Phase(String name, double seconds) {
        public Phase {
            Objects.requireNonNull(name, "name");
        }
    }

    public RunInfo {
        Objects.requireNonNull(javaVersion, "javaVersion");
        Objects.requireNonNull(jvmName, "jvmName");
        substrate = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(substrate));
        phases = List.copyOf(phases);
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(jit, "jit");
    }

    /**
     * How a report was made, so that it can be made again: {@code caniclab replay <scenarioFile> --set ...
     * --seed <seed> --backend <backend>} with tool {@code toolVersion}.
     *
     * <pre>{@code
     * new RunInfo.Provenance("scenarios/steady.toml", List.of("hub.mode=reserved"), 7, "0.1.0", "sim")
     * }</pre>
     *
     * @param overrides the {@code --set} overrides applied, in order (a sweep run's include its variant's values)
     */
    public record Provenance(String scenarioFile, List<String> overrides, long seed, String toolVersion,
            String backend) {
        public Provenance {
            Objects.requireNonNull(scenarioFile, "scenarioFile");
            overrides = List.copyOf(overrides);
            Objects.requireNonNull(toolVersion, "toolVersion");
            Objects.requireNonNull(backend, "backend");
        }
    }

    /** Without phases and provenance. */
    public RunInfo(double wallSeconds, double eventsPerSecond, String javaVersion, String jvmName,
            int availableProcessors, long maxHeapBytes, SortedMap<String, String> substrate) {
        this(wallSeconds, eventsPerSecond, javaVersion, jvmName, availableProcessors, maxHeapBytes, substrate,
                List.of(), Optional.empty(), "");
    }

    /** Without substrate facts, phases and provenance. */
    public RunInfo(double wallSeconds, double eventsPerSecond, String javaVersion, String jvmName,
            int availableProcessors, long maxHeapBytes) {
        this(wallSeconds, eventsPerSecond, javaVersion, jvmName, availableProcessors, maxHeapBytes, new TreeMap<>());
    }

    /**
     * This info with the wall time made of {@code phases} (replacing any), {@code wallSeconds} their sum; events
     * per second stay as captured.
     */
    public RunInfo withPhases(List<Phase> phases) {
        double total = phases.stream().mapToDouble(Phase::seconds).sum();
        return new RunInfo(total, eventsPerSecond, javaVersion, jvmName, availableProcessors, maxHeapBytes, substrate,
                phases, provenance, jit);
    }

    /** This info with one more phase after the others, added to the wall time (the report writer's own). */
    public RunInfo plusPhase(String name, double seconds) {
        List<Phase> more = new ArrayList<>(phases);
        more.add(new Phase(name, seconds));
        return new RunInfo(wallSeconds + seconds, eventsPerSecond, javaVersion, jvmName, availableProcessors,
                maxHeapBytes, substrate, more, provenance, jit);
    }

    /** This info with the substrate's facts (e.g. {@code endpoint}, {@code agent}). */
    public RunInfo withSubstrate(Map<String, String> facts) {
        return new RunInfo(wallSeconds, eventsPerSecond, javaVersion, jvmName, availableProcessors, maxHeapBytes,
                new TreeMap<>(facts), phases, provenance, jit);
    }

    /** This info saying how the report was made. */
    public RunInfo withProvenance(Provenance p) {
        return new RunInfo(wallSeconds, eventsPerSecond, javaVersion, jvmName, availableProcessors, maxHeapBytes,
                substrate, phases, Optional.of(p), jit);
    }

    /** This info saying which JIT the run had. */
    public RunInfo withJit(String jit) {
        return new RunInfo(wallSeconds, eventsPerSecond, javaVersion, jvmName, availableProcessors, maxHeapBytes,
                substrate, phases, provenance, jit);
    }

    /** Reads the JVM's facts now; {@code events} is the run's engine event count. */
    public static RunInfo capture(double wallSeconds, long events) {
        Runtime runtime = Runtime.getRuntime();
        return new RunInfo(
                wallSeconds,
                wallSeconds > 0 ? events / wallSeconds : 0.0,
                System.getProperty("java.version", ""),
                System.getProperty("java.vm.name", ""),
                runtime.availableProcessors(),
                runtime.maxMemory());
    }
}
