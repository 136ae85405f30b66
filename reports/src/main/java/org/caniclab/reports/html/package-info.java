/**
 * The HTML pages of a report: {@code index.html} beside a run's files ({@link org.caniclab.reports.html.RunPage})
 * and beside a sweep's ({@link org.caniclab.reports.html.SweepPage}).
 *
 * <p>A page is one self-contained file that opens from the file system with no network: the charting library
 * (uPlot, read from its webjar on the classpath), the page's own script and styles, and the data are all inlined.
 * Its bytes are a pure function of its input — no timestamps, numbers formatted by {@link java.math.BigDecimal}
 * rather than the locale — so a run's page is a golden file like the rest of its report.
 *
 * <p>May import: the result records of {@code org.caniclab.reports}; third-party: Jackson's streaming generator,
 * HdrHistogram and the uPlot webjar's resources; nothing from core or the simulator. {@code RunReportWriter} is its
 * one caller in the parent package, which is why that one dependency points back up.
 */
package org.caniclab.reports.html;
