package org.caniclab.reports;

import java.util.Objects;

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
 * @param wallSeconds elapsed wall-clock time
 * @param eventsPerSecond engine events per wall-clock second; 0 when no time elapsed
 * @param javaVersion {@code java.version}
 * @param jvmName {@code java.vm.name}
 * @param availableProcessors processors the JVM could use
 * @param maxHeapBytes the JVM's maximum heap
 */
public record RunInfo(
        double wallSeconds,
        double eventsPerSecond,
        String javaVersion,
        String jvmName,
        int availableProcessors,
        long maxHeapBytes) {

    public RunInfo {
        Objects.requireNonNull(javaVersion, "javaVersion");
        Objects.requireNonNull(jvmName, "jvmName");
    }

    /** Describes this JVM, given the wall time the caller measured and the events processed. */
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
