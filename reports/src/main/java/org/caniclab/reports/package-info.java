/**
 * What a run produces and how it is written: the neutral {@link org.caniclab.reports.RunResult} and its records,
 * expectations on the summary tree, and the writers (JSON, text, CSV, HdrHistogram), each written to a temporary name
 * and renamed.
 *
 * <p>May import: nothing of the project; third-party: Jackson, commons-csv, HdrHistogram.
 */
package org.caniclab.reports;
