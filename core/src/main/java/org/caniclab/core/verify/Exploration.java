package org.caniclab.core.verify;

import java.util.Optional;

/**
 * What a {@link ScheduleExplorer} run found.
 *
 * @param schedules complete schedules explored (every call ended, an invariant broke, or the step bound cut it)
 * @param steps actions executed in all, replays included
 * @param truncated true when the step bound cut at least one schedule short: the search was not exhaustive
 * @param shortestViolation the shortest schedule that breaks an invariant, if any
 */
public record Exploration(long schedules, long steps, boolean truncated, Optional<Violation> shortestViolation) {
    public boolean violated() {
        return shortestViolation.isPresent();
    }
}
