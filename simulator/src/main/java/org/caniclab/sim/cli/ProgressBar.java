package org.caniclab.sim.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.caniclab.sim.ProgressListener;

/**
 * The progress line on stderr: simulated time as a bar and a percentage, and engine events per wall-clock
 * second. Drawn only once a run has taken about a second (short runs stay silent), redrawn at most ten
 * times a second, and erased at the end so the summary starts on a clean line.
 */
final class ProgressBar implements ProgressListener {
    private static final long SHOW_AFTER = 1_000_000_000L;
    private static final long REDRAW_EVERY = 100_000_000L;
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean enabled;
    private final LongSupplier wallNanos;
    private final long start;
    private long lastDraw = Long.MIN_VALUE;
    private int drawnLength;

    ProgressBar(PrintWriter err, boolean enabled, LongSupplier wallNanos) {
        this.err = err;
        this.enabled = enabled;
        this.wallNanos = wallNanos;
        this.start = wallNanos.getAsLong();
    }

    @Override
    public void progress(long simulatedNanos, long durationNanos, long events) {
        draw(wall -> render(simulatedNanos, durationNanos, events, wall));
    }

    /** A sweep's progress: runs done of all, runs per second and the time left at that rate. */
    synchronized void runs(int done, int total) {
        draw(wall -> renderRuns(done, total, wall));
    }

    private void draw(java.util.function.DoubleFunction<String> lineAt) {
        if (!enabled) {
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
