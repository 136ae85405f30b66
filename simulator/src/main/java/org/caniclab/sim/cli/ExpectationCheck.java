package org.caniclab.sim.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.caniclab.core.metrics.ScalingOutcome;
import org.caniclab.reports.Expectation;
import org.caniclab.reports.SummaryPaths;
import org.caniclab.sim.model.ExpectationSpec;
import org.caniclab.sim.model.Names;
import org.caniclab.sim.model.PoolSpec;
import org.caniclab.sim.model.Scenario;
import org.caniclab.sim.scenario.ScenarioException;

/**
 * Parses a scenario's expectations right after it is loaded, before anything runs: the loader keeps them as
 * written (it may not import the reports module that owns the expression syntax), so a malformed one, or one
 * naming no pool of the scenario, is reported here as the loader reports any bad key:
 * {@code file:line: expect[i]: problem}, exit 2.
 */
final class ExpectationCheck {
    private ExpectationCheck() {}

    /** The parsed expectations, in file order. */
    static List<Expectation> parse(Scenario scenario) {
        List<String> pools = scenario.pools().stream().map(PoolSpec::name).toList();
        List<Expectation> out = new ArrayList<>();
        for (ExpectationSpec spec : scenario.expectations()) {
            Expectation e;
            try {
                e = Expectation.parse(spec.expression());
            } catch (IllegalArgumentException ex) {
                throw error(spec, ex.getMessage());
            }
            String path = e.path();
            if (path.startsWith("pools.")) {
                String rest = path.substring("pools.".length());
                boolean known = pools.stream().anyMatch(p -> rest.equals(p) || rest.startsWith(p + "."));
                if (!known) {
                    String guess = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
                    throw error(spec, "\"" + spec.expression() + "\" names no pool of the scenario"
                            + Names.suggestion(guess, pools) + "; accepted pools: " + String.join(", ", pools));
                }
            }
            Optional<String> problem = SummaryPaths.schemaProblem(path, pools, ScalingOutcome.maxRows());
            if (problem.isPresent()) {
                throw error(spec, "\"" + spec.expression() + "\": " + path + " " + problem.get());
            }
            out.add(e);
        }
        return out;
    }

    static ScenarioException error(ExpectationSpec spec, String problem) {
        return new ScenarioException(spec.file(), spec.line(), spec.keyPath(), problem);
    }
}
