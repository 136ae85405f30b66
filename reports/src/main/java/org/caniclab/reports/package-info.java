/**
 * What a run produces and how it is written: the neutral {@link org.caniclab.reports.RunResult} and its records,
 * expectations on the summary tree, and the writers (JSON, text, CSV, HdrHistogram, and the HTML page of
 * {@code org.caniclab.reports.html}), each written to a temporary name and renamed.
 *
 * <p>May import: of the project only {@code org.caniclab.reports.html.RunPage} (the run writer writes
 * {@code index.html} with it); third-party: Jackson, commons-csv, HdrHistogram.
 */
package org.caniclab.reports;
