package org.caniclab.sim.cli;

import org.caniclab.reports.RunResult;
import org.caniclab.sim.ProgressListener;
import org.caniclab.sim.model.Scenario;

/** Runs a loaded scenario; the CLI's seam between parsing and the substrate (tests substitute a fake). */
@FunctionalInterface
interface ScenarioRunner {
    RunResult run(Scenario scenario, ProgressListener progress);
}
