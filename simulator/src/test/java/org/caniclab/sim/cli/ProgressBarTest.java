package org.caniclab.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
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
}
