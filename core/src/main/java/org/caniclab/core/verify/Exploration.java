package org.caniclab.core.verify;

import java.util.List;
import java.util.Optional;

/**
 * What a {@link ScheduleExplorer} run found, and how much of the schedule space it covered.
 *
 * <pre>{@code
 * Exploration e = explorer.explore();
 * switch (e.verdict()) {
 *     case VIOLATED -> System.out.print(e.shortestViolation().get().render());
 *     case HOLDS -> System.out.println("every schedule keeps the invariants");
 *     case INCONCLUSIVE -> System.out.println("not exhaustive: " + e.stop());
 * }
 * }</pre>
 *
 * @param reduction the search that ran ({@link ScheduleExplorer.Reduction#NONE} is the naive tree search)
 * @param states distinct abstract states reached (for the naive search: distinct states among its tree's nodes)
 * @param transitions actions explored from a reached state (edges of the explored graph, or of the naive tree)
 * @param steps actions executed on a real workflow in all, replays included: the search's actual work
 * @param schedules complete schedules the explored graph stands for (every call ended or the step bound cut it),
 *     each orbit representative counted with its orbit's size; {@code Long.MAX_VALUE} means at least that many;
 *     {@code -1} when partial-order reduction skipped transitions, so the count was not kept
 * @param porSkipped transitions partial-order reduction did not execute (their targets are reached another way)
 * @param truncated true when {@code maxSteps} cut at least one schedule short
 * @param stop why the search ended: {@link Stop#COMPLETE}, or the budget that cut it
 * @param shortestViolation the shortest schedule that breaks an invariant, if any was reached
 * @param worstOvershoot the largest {@code registered + reserved - max_workers} over every reached state and every
 *     pool with a maximum, or 0 when no pool ever exceeded its maximum
 * @param worstViolation a shortest schedule reaching {@code worstOvershoot}, when it is above 0
 * @param finalStates the distinct end states (no action left) reached, each as its pools' registry counts and the
 *     metric rows, sorted
 */
public record Exploration(
        ScheduleExplorer.Reduction reduction,
        long states,
        long transitions,
        long steps,
        long schedules,
        long porSkipped,
        boolean truncated,
        Stop stop,
        Optional<Violation> shortestViolation,
        int worstOvershoot,
        Optional<Violation> worstViolation,
        List<String> finalStates) {

    /** Why a search ended. */
    public enum Stop {
        /** Every reachable state up to {@code maxSteps} was explored. */
        COMPLETE,
        /** The state budget ran out. */
        STATE_BUDGET,
        /** The time budget ran out. */
        TIME_BUDGET;

        /** Lowercase label for text and JSON output. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What the search lets one conclude. */
    public enum Verdict {
        /** The search was exhaustive and no reached state breaks an invariant. */
        HOLDS,
        /** A reached state breaks an invariant (whether or not the search was exhaustive). */
        VIOLATED,
        /** No violation was reached, but a budget or the step bound cut the search: nothing is proved. */
        INCONCLUSIVE;

        /** Lowercase label for text and JSON output. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Exploration {
        finalStates = List.copyOf(finalStates);
    }

    public boolean violated() {
        return shortestViolation.isPresent();
    }

    /** True when every reachable schedule was covered: no budget ran out and no schedule was cut at maxSteps. */
    public boolean exhaustive() {
        return stop == Stop.COMPLETE && !truncated;
    }

    public Verdict verdict() {
        if (violated()) {
            return Verdict.VIOLATED;
        }
        return exhaustive() ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
    }
}
