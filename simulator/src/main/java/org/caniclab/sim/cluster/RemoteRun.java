package org.caniclab.sim.cluster;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import org.caniclab.reports.RunResult;
import org.caniclab.reports.SpillFiles;
import org.caniclab.reports.SummaryScalars;
import org.caniclab.sim.RunControl;
import org.caniclab.sim.ProgressListener;
import org.caniclab.sim.Simulator;
import org.caniclab.sim.scenario.ScenarioLoader;
import org.caniclab.sim.sweep.RunTask;

/**
 * One sweep run as sent to a member: the scenario file's text, its path (for the files it names), the variant's
 * overrides and the seed, which is all a run depends on. The member loads and runs it with the same code as a local
 * sweep, so the figures are the same wherever it runs. A failure of the run itself comes back as a message, so that
 * every exception the sweep sees is the cluster's own (and worth a retry elsewhere).
 */
record RemoteRun(String file, String text, ArrayList<String> overrides, long seed)
        implements Callable<RemoteRun.Outcome>, Serializable {
    private static final long serialVersionUID = 1L;

    static RemoteRun of(RunTask t) {
        return new RemoteRun(t.source().file().toString(), t.source().text(), new ArrayList<>(t.source().overrides()),
                t.seed());
    }

    /** The run's figures, or (the run could not run) its failure as one line. */
    record Outcome(LinkedHashMap<String, Double> figures, String failure) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Override
    public Outcome call() {
        try {
            var scenario = ScenarioLoader.load(Path.of(file), text, List.copyOf(overrides)).withSeed(seed);
            // Figures only travel back, so the run keeps no timeline or events (nothing spills on the member).
            // A sweep that stops cancels its runs in flight, which interrupts this thread on the member.
            RunControl control = new RunControl(ProgressListener.NONE, SpillFiles.temporary().discardingRows(),
                    () -> Thread.currentThread().isInterrupted());
            try (RunResult result = new Simulator().run(scenario, control)) {
                return new Outcome(SummaryScalars.of(result), null);
            }
        } catch (RuntimeException e) {
            return new Outcome(null, String.valueOf(e));
        }
    }
}
