package org.caniclab.sim.cli;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.caniclab.sim.model.Formats;
import org.caniclab.sim.model.PoolSpec;
import org.caniclab.sim.model.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code caniclab validate}: parses and checks a scenario without running it. */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Checks a scenario without running it.",
        description = "Parses and checks a scenario (and the canic.toml and traces it refers to) without running it; "
                + "prints a one-line summary.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the scenario is valid", "2:the scenario or the usage is invalid (the message names file, "
                + "line, key and what is accepted)", "4:internal error"})
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioOptions options = new ScenarioOptions();

    @Mixin
    WorkLimits limits = new WorkLimits();

    @Override
    public Integer call() {
        Scenario s = options.load();
        limits.check(s, options.scenario.toString());
        spec.commandLine().getOut().println("OK " + options.scenario + ": " + describe(s));
        spec.commandLine().getOut().flush();
        return Failures.OK;
    }

    static String describe(Scenario s) {
        String pools = s.pools().stream().map(PoolSpec::name).collect(Collectors.joining(", "));
        return "scenario " + s.name() + ", " + count(s.pools(), "pool") + " (" + pools + "), " + count(s.loads(), "load")
                + ", " + count(s.calls(), "call") + ", " + count(s.faults(), "fault window") + ", "
                + count(s.expectations(), "expectation") + "; mode " + s.hub().mode().label() + ", seed " + s.run().seed()
                + ", " + Formats.duration(s.run().durationNanos()) + " simulated";
    }

    private static String count(List<?> items, String noun) {
        return items.size() + " " + noun + (items.size() == 1 ? "" : "s");
    }
}
