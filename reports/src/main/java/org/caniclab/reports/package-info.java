/**
 * What a run produces and how it is written: the neutral {@link org.caniclab.reports.RunResult} and its records,
 * expectations on the summary tree, and the writers (JSON, text, CSV, HdrHistogram), each written to a temporary name
 * and renamed.
 *
 * <p>May import: of the project only {@code org.caniclab.core.config.PoolFileNames}, the one rule for pool names in
 * report file names, which the scenario loader shares to refuse colliding pools at load; third-party: Jackson,
 * commons-csv, HdrHistogram.
 */
package org.caniclab.reports;
