package org.caniclab.sim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.caniclab.reports.Comparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code caniclab compare <a> <b>}: two run folders or two sweep folders side by side, as a Markdown table on
 * stdout (and a CSV file with {@code --csv}).
 */
@Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Compares two run folders or two sweep folders: every shared figure, b - a, and for sweeps its interval.",
        description = {"Run folders (summary.json): every figure both have, a, b and b - a. Sweep folders (sweep.json, "
                + "runs.csv): per variant both ran (matched by the values of the varied keys) and figure, the two means, "
                + "b - a and its 95%% interval: paired by replication when both sweeps used the same seeds (sweep.json's "
                + "seeds: common random numbers), Welch's otherwise; and whether the interval excludes 0."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:compared", "2:a folder is not a run or sweep folder, or the two differ in kind",
            "4:internal error (details in the error.log named)"})
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<a>", description = "The baseline: a run or sweep folder.")
    Path a;

    @Parameters(index = "1", paramLabel = "<b>", description = "The other folder, of the same kind.")
    Path b;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the table as CSV to FILE.")
    Path csv;

    @Override
    public Integer call() {
        Comparison c = Comparison.of(a, b);
        if (csv != null) {
            try {
                c.writeCsv(csv);
            } catch (IOException e) {
                throw new Comparison.Invalid("--csv " + csv + ": cannot write (" + e.getMessage()
                        + "); accepted: a writable file path");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(c.markdown());
        out.flush();
        return Failures.OK;
    }
}
