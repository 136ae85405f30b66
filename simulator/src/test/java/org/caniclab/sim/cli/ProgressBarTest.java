package org.caniclab.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private long now;
    private final StringWriter err = new StringWriter();

    private ProgressBar bar(boolean enabled) {
        return new ProgressBar(new PrintWriter(err, true), enabled, () -> now);
    }

    @Test
    void rendersSimulatedTimeAndEventRate() {
        assertEquals("[###############---------------]  50.0%  30.0s / 60.0s simulated  1.50M events/s",
                ProgressBar.render(30_000_000_000L, 60_000_000_000L, 3_000_000, 2.0));
        assertEquals("[##############################] 100.0%  60.0s / 60.0s simulated  900 events/s",
                ProgressBar.render(60_000_000_000L, 60_000_000_000L, 900, 1.0));
    }

    @Test
    void staysSilentDuringTheFirstSecond() {
        ProgressBar b = bar(true);
        now = 900_000_000L;
        b.progress(1, 10, 5);
        b.finish();
        assertEquals("", err.toString());
    }

    @Test
    void drawsAfterASecondThrottlesAndErasesAtTheEnd() {
        ProgressBar b = bar(true);
        now = 1_100_000_000L;
        b.progress(5, 10, 1000);
        now += 10_000_000L;
        b.progress(6, 10, 2000); // too soon: not redrawn
        String drawn = err.toString();
        assertTrue(drawn.startsWith("\r[") && drawn.contains(" 50.0%"), drawn);
        assertEquals(1, drawn.chars().filter(c -> c == '\r').count(), drawn);
        now += 200_000_000L;
        b.progress(10, 10, 3000);
        b.finish();
        String all = err.toString();
        assertTrue(all.contains("100.0%"), all);
        assertTrue(all.endsWith(" \r"), "the line is erased: " + all);
    }

    @Test
    void drawsNothingWhenDisabled() {
        ProgressBar b = bar(false);
        now = 5_000_000_000L;
        b.progress(5, 10, 1000);
        b.finish();
        assertEquals("", err.toString());
    }

    @Test
    void offATerminalPrintsALinePerTenthButAtMostOneEveryTenSeconds() {
        ProgressBar b = new ProgressBar(new PrintWriter(err, true), ProgressBar.Mode.LINES, () -> now);
        long duration = 1000;
        // 1 % of simulated time per wall second: tenths every 10 s, so every tenth gets its line.
        for (int pct = 1; pct <= 100; pct++) {
            now += 1_000_000_000L;
            b.progress(pct * duration / 100, duration, pct * 1000L);
        }
        List<String> lines = err.toString().lines().toList();
        assertEquals(10, lines.size(), err.toString());
        assertTrue(lines.get(0).startsWith("progress: 10%  "), lines.get(0));
        assertTrue(lines.get(9).startsWith("progress: 100%  "), lines.get(9));
        assertTrue(lines.stream().noneMatch(l -> l.contains("\r")), "plain lines, no carriage returns");
        b.finish();
        assertEquals(10, err.toString().lines().count(), "nothing to erase");
    }

    @Test
    void offATerminalAFastRunGetsFewerLinesThanTenths() {
        ProgressBar b = new ProgressBar(new PrintWriter(err, true), ProgressBar.Mode.LINES, () -> now);
        // 10 % per wall second: a line only every 10 s, so at most 1 over the 10 s run (at 100 %).
        for (int tenth = 1; tenth <= 10; tenth++) {
            now += 1_000_000_000L;
            b.progress(tenth, 10, tenth);
        }
        assertEquals(List.of("progress: 100%"), err.toString().lines().map(l -> l.substring(0, 14)).toList());
    }

    @Test
    void offATerminalARunShorterThanTenSecondsPrintsNothing() {
        ProgressBar b = new ProgressBar(new PrintWriter(err, true), ProgressBar.Mode.LINES, () -> now);
        for (int pct = 1; pct <= 100; pct++) {
            now += 90_000_000L; // 9 s in all
            b.progress(pct, 100, pct);
        }
        b.runs(3, 3);
        assertEquals("", err.toString());
    }

    @Test
    void sweepLinesCountRuns() {
        ProgressBar b = new ProgressBar(new PrintWriter(err, true), ProgressBar.Mode.LINES, () -> now);
        now += 11_000_000_000L;
        b.runs(5, 10);
        assertTrue(err.toString().startsWith("progress: 50.0%  5 / 10 runs  "), err.toString());
    }

    @Test
    void modeFollowsTerminalAndQuiet() {
        assertEquals(ProgressBar.Mode.BAR, ProgressBar.mode(true, false));
        assertEquals(ProgressBar.Mode.LINES, ProgressBar.mode(false, false));
        assertEquals(ProgressBar.Mode.OFF, ProgressBar.mode(false, true));
        assertEquals(ProgressBar.Mode.OFF, ProgressBar.mode(true, true));
    }
}
