package org.caniclab.core.verify;

import java.util.List;

/**
 * A schedule that breaks an invariant, shortest first: the invariant, what was observed, and the steps
 * that lead there, one line each.
 *
 * <pre>{@code
 * exploration.shortestViolation().ifPresent(v -> System.out.println(v.render()));
 * }</pre>
 */
public record Violation(String invariant, String observed, List<String> steps) {
    public Violation {
        steps = List.copyOf(steps);
    }

    /** The violation and its schedule, step by step, as printed by {@code caniclab verify}. */
    public String render() {
        StringBuilder b = new StringBuilder();
        b.append("violated: ").append(invariant).append('\n');
        b.append("observed: ").append(observed).append('\n');
        b.append("schedule (").append(steps.size()).append(" steps):\n");
        for (int i = 0; i < steps.size(); i++) {
            b.append(String.format(java.util.Locale.ROOT, "%3d. %s%n", i + 1, steps.get(i)));
        }
        return b.toString();
    }
}
