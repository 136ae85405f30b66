/**
 * What a run produces and how it is written: the neutral {@link org.caniclab.reports.RunResult} and its records,
 * a long run's rows spooled to disk past a memory bound ({@link org.caniclab.reports.Timeline},
 * {@link org.caniclab.reports.SpooledRows}, {@link org.caniclab.reports.SpillFiles}), expectations on the summary tree, and the writers (JSON, text, CSV, HdrHistogram, and the HTML page of
 * {@code org.caniclab.reports.html}), which write a whole report into a hidden sibling folder that
 * {@link org.caniclab.reports.ReportFolder} locks and swaps in.
 *
 * <p>May import: of the project, {@code org.caniclab.core.config.PoolFileNames} (the one rule for pool names in
 * report file names, which the scenario loader shares to refuse colliding pools at load) and
 * {@code org.caniclab.reports.html.RunPage} (the run writer writes {@code index.html} with it); third-party: Jackson,
 * commons-csv, commons-math3 (t quantiles), HdrHistogram.
 */
package org.caniclab.reports;
