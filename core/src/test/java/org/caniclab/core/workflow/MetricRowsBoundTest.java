package org.caniclab.core.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.TreeSet;
import org.caniclab.core.error.CanicError;
import org.caniclab.core.error.ErrorClass;
import org.caniclab.core.error.ErrorOrigin;
import org.caniclab.core.metrics.ScalingOutcome;
import org.caniclab.core.metrics.ScalingReason;
import org.junit.jupiter.api.Test;

/**
 * The rows a run can show are bounded by each outcome's possible reasons ({@link ScalingOutcome#possibleReasons}),
 * which is what lets {@code validate} refuse an expectation on a metric row index no run can have. Every path of
 * the workflow — spawns, both refusals, every error class of root, the bootstrap's skips and failure, dry runs,
 * unknown pools, disabled scaling — records only rows inside that bound.
 */
class MetricRowsBoundTest {
    private final TreeSet<String> seen = new TreeSet<>();

    private void collect(Hub hub) {
        for (String row : hub.rows) {
            String[] p = row.split("/");
            ScalingOutcome outcome = ScalingOutcome.valueOf(p[1].toUpperCase(java.util.Locale.ROOT));
            ScalingReason reason = ScalingReason.valueOf(p[2].toUpperCase(java.util.Locale.ROOT));
            assertTrue(outcome.possibleReasons().contains(reason), row + " is outside " + outcome.possibleReasons());
            seen.add(row);
        }
    }

    @Test
    void everyPathRecordsRowsInsideTheBound() {
        Hub spawn = Hub.keepingDryRunRows(Hub.pool("p", 1, 2, 2));
        spawn.wf.bootstrapConfiguredInitialWorkers();
        spawn.ic.complete(spawn.ic.pending().get(0));
        spawn.wf.planCreateWorker("p");
        spawn.wf.createWorker("p");
        spawn.ic.complete(spawn.ic.pending().get(0));
        spawn.wf.createWorker("p"); // at max
        spawn.wf.planCreateWorker("p");
        spawn.wf.bootstrapConfiguredInitialWorkers(); // target satisfied
        spawn.wf.createWorker("nope"); // unknown pool
        collect(spawn);

        Hub within = Hub.of(Hub.pool("p", 0, 0, 4));
        within.wf.bootstrapConfiguredInitialWorkers(); // no initial workers
        within.wf.createWorker("p"); // within bounds
        collect(within);

        for (ErrorClass c : ErrorClass.values()) {
            for (ErrorOrigin o : ErrorOrigin.values()) {
                Hub failing = Hub.of(Hub.pool("p", 1, 2, 4));
                failing.wf.bootstrapConfiguredInitialWorkers();
                failing.ic.fail(failing.ic.pending().get(0), CanicError.of(c, o, "root failed"));
                failing.wf.createWorker("p");
                failing.ic.fail(failing.ic.pending().get(0), CanicError.of(c, o, "root failed"));
                collect(failing);
            }
        }

        Hub none = Hub.of(null);
        none.wf.bootstrapConfiguredInitialWorkers(); // scaling disabled
        none.wf.createWorker("p");
        collect(none);

        assertTrue(seen.size() >= 20, "the paths above reach many distinct rows: " + seen);
        assertEquals(5 * 13, ScalingOutcome.maxRows(), "five operations, 1 + 2 + 5 + 5 reasons each");
    }
}
