package org.caniclab.sim.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.caniclab.sim.model.Scenario;

/**
 * One run of a sweep, as a {@link RunExecutor} receives it: where it sits in the plan, its seed, the scenario as
 * loaded (what a local executor runs), and the scenario's source (what a remote executor ships: the file's text and
 * the variant's overrides, from which another JVM loads the same scenario). A run depends on nothing else, so it gives
 * the same figures wherever and however often it runs.
 *
 * <pre>{@code
 * RunTask t = tasks.get(0);
 * Scenario again = ScenarioLoader.load(t.source().file(), t.source().text(), t.source().overrides()).withSeed(t.seed());
 * }</pre>
 *
 * @param index the run's place in plan order (variant-major): {@code variant * replications + replication}
 * @param scenario the variant as loaded here, already carrying {@code seed}
 */
public record RunTask(int index, int variant, int replication, long seed, Scenario scenario, Source source) {
    public RunTask {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(source, "source");
    }

    /**
     * What the run's scenario was loaded from.
     *
     * @param file the scenario file's absolute path (relative files it names resolve against its folder)
     * @param text the file's text as the sweep read it
     * @param overrides the {@code key=value} overrides of the run's variant, shared ones first
     */
    public record Source(Path file, String text, List<String> overrides) {
        public Source {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(text, "text");
            overrides = List.copyOf(overrides);
        }
    }
}
