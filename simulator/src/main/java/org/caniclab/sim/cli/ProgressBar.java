package org.caniclab.sim.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.caniclab.sim.ProgressListener;

/**
 * Progress on stderr. On a terminal ({@link Mode#BAR}): one line redrawn in place — simulated time as a bar and a
 * percentage, and engine events per wall-clock second — drawn only once a run has taken about a second (short runs
 * stay silent), redrawn at most ten times a second, and erased at the end so the summary starts on a clean line.
 * Elsewhere, e.g. a CI log ({@link Mode#LINES}): a plain line per step, {@code progress: 40% ...}, when the run has
 * passed another tenth of its simulated time (or of a sweep's runs) and at least {@value #LINE_EVERY_SECONDS} s of
 * wall time have gone by since the start or the previous line, whichever is rarer; a run shorter than that prints
 * none. Wall time shows only here, never in a report.
 */
final class ProgressBar implements ProgressListener {
    /** Where and how progress is shown. */
    enum Mode { OFF, BAR, LINES }

    private static final long SHOW_AFTER = 1_000_000_000L;
    private static final long REDRAW_EVERY = 100_000_000L;
    static final int LINE_EVERY_SECONDS = 10;
    private static final long LINE_EVERY = LINE_EVERY_SECONDS * 1_000_000_000L;
    private static final int STEPS = 10;
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final Mode mode;
    private final LongSupplier wallNanos;
    private final long start;
    private long lastDraw = Long.MIN_VALUE;
    private int drawnLength;
    private long lastLine;
    private int lastStep;

    ProgressBar(PrintWriter err, boolean enabled, LongSupplier wallNanos) {
        this(err, enabled ? Mode.BAR : Mode.OFF, wallNanos);
    }

    ProgressBar(PrintWriter err, Mode mode, LongSupplier wallNanos) {
        this.err = err;
        this.mode = mode;
        this.wallNanos = wallNanos;
        this.start = wallNanos.getAsLong();
        this.lastLine = start;
    }

    /** The mode for a command's stderr: a bar on a terminal, lines elsewhere, nothing with {@code --quiet}. */
    static Mode mode(boolean terminal, boolean quiet) {
        return quiet ? Mode.OFF : terminal ? Mode.BAR : Mode.LINES;
    }

    @Override
    public void progress(long simulatedNanos, long durationNanos, long events) {
        if (mode == Mode.LINES) {
            double fraction = durationNanos > 0 ? simulatedNanos / (double) durationNanos : 1.0;
            line(fraction, wall -> String.format(Locale.ROOT, "progress: %.0f%%  %s / %s simulated  %s events  "
                    + "%s events/s  %.0fs elapsed", Math.floor(Math.min(1.0, fraction) * 100), seconds(simulatedNanos),
                    seconds(durationNanos), human(events), human(wall > 0 ? events / wall : 0), wall));
            return;
        }
        draw(wall -> render(simulatedNanos, durationNanos, events, wall));
    }

    /** A sweep's progress: runs done of all, runs per second and the time left at that rate. */
    synchronized void runs(int done, int total) {
        if (mode == Mode.LINES) {
            line(total > 0 ? done / (double) total : 1.0, wall -> "progress: " + renderRuns(done, total, wall)
                    .substring(WIDTH + 3).strip());
            return;
        }
        draw(wall -> renderRuns(done, total, wall));
    }

    /**
     * Progress of work whose size is not known in advance (the schedule explorer's search): {@code text} and the
     * wall time, redrawn on a terminal as a run's bar is, and elsewhere as a line at most every
     * {@value #LINE_EVERY_SECONDS} s ({@code progress: <text>, 12s elapsed}).
     */
    synchronized void status(String text) {
        if (mode == Mode.LINES) {
            long now = wallNanos.getAsLong();
            if (now - lastLine >= LINE_EVERY) {
                lastLine = now;
                err.println(String.format(Locale.ROOT, "progress: %s, %.0fs elapsed", text, (now - start) / 1e9));
                err.flush();
            }
            return;
        }
        draw(wall -> String.format(Locale.ROOT, "%s, %.1fs", text, wall));
    }

    private void line(double fraction, java.util.function.DoubleFunction<String> lineAt) {
        int step = (int) Math.floor(Math.min(1.0, Math.max(0.0, fraction)) * STEPS);
        long now = wallNanos.getAsLong();
        if (step <= lastStep || now - lastLine < LINE_EVERY) {
            return;
        }
        lastStep = step;
        lastLine = now;
        err.println(lineAt.apply((now - start) / 1e9));
        err.flush();
    }

    private void draw(java.util.function.DoubleFunction<String> lineAt) {
        if (mode != Mode.BAR) {
            return;
        }
        long now = wallNanos.getAsLong();
        if (now - start < SHOW_AFTER || (lastDraw != Long.MIN_VALUE && now - lastDraw < REDRAW_EVERY)) {
            return;
        }
        lastDraw = now;
        String line = lineAt.apply((now - start) / 1e9);
        StringBuilder b = new StringBuilder("\r").append(line);
        if (line.length() < drawnLength) {
            b.append(" ".repeat(drawnLength - line.length()));
        }
        drawnLength = line.length();
        err.print(b);
        err.flush();
    }

    /** Erases the line if one was drawn. */
    synchronized void finish() {
        if (drawnLength > 0) {
            err.print("\r" + " ".repeat(drawnLength) + "\r");
            err.flush();
            drawnLength = 0;
        }
    }

    static String renderRuns(int done, int total, double wallSeconds) {
        double fraction = total > 0 ? Math.min(1.0, done / (double) total) : 1.0;
        int filled = (int) Math.round(fraction * WIDTH);
        double rate = wallSeconds > 0 ? done / wallSeconds : 0;
        String eta = rate > 0 ? String.format(Locale.ROOT, "%.0fs", (total - done) / rate) : "?";
        return String.format(Locale.ROOT, "[%s%s] %5.1f%%  %d / %d runs  %s runs/s  ETA %s",
                "#".repeat(filled), "-".repeat(WIDTH - filled), fraction * 100, done, total, human(rate), eta);
    }

    static String render(long simulatedNanos, long durationNanos, long events, double wallSeconds) {
        double fraction = durationNanos > 0 ? Math.min(1.0, Math.max(0.0, simulatedNanos / (double) durationNanos)) : 1.0;
        int filled = (int) Math.round(fraction * WIDTH);
        double rate = wallSeconds > 0 ? events / wallSeconds : 0;
        return String.format(Locale.ROOT, "[%s%s] %5.1f%%  %s / %s simulated  %s events/s",
                "#".repeat(filled), "-".repeat(WIDTH - filled), fraction * 100,
                seconds(simulatedNanos), seconds(durationNanos), human(rate));
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1fs", nanos / 1e9);
    }

    private static String human(double rate) {
        if (rate >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", rate / 1e6);
        }
        if (rate >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk", rate / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", rate);
    }
}
