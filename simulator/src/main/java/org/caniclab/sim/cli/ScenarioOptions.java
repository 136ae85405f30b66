package org.caniclab.sim.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.caniclab.reports.html.RunPage;
import org.caniclab.sim.input.InputFiles;
import org.caniclab.sim.model.Scenario;
import org.caniclab.sim.scenario.ScenarioLoader;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The scenario file and its {@code --set} overrides, shared by every command that loads a scenario. */
final class ScenarioOptions {
    @Parameters(index = "0", paramLabel = "<scenario>", description = "Scenario TOML file (see scenarios/README.md).")
    Path scenario;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a scenario key before validation, e.g. hub.mode=reserved, "
                    + "pools.api.policy.max_workers=4, load.0.rate=50. Repeatable.")
    List<String> sets = new ArrayList<>();

    /** Loads the scenario and checks its expectations (exit 2 on either, with one line). */
    Scenario load() {
        Scenario s = ScenarioLoader.load(scenario, sets);
        ExpectationCheck.parse(s);
        return s;
    }

    /** The question the scenario file asks: its opening comment block, shown on the report pages. */
    String question() {
        return RunPage.Description.openingComment(InputFiles.readSmall(scenario)).text();
    }
}
