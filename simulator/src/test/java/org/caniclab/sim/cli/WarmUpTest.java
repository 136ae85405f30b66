package org.caniclab.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The start-up warm-up runs beside a command in production, where its failures are swallowed; here it runs on
 * the test's thread, so a built-in scenario the loader no longer accepts, or a report section the small run
 * trips over, fails the build instead of silently slowing start-up. It must leave no file behind.
 */
class WarmUpTest {

    @Test
    void loadsItsScenarioAndRendersItsReportOrSweepFilesWithoutTouchingFiles() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path cwd = Path.of("").toAbsolutePath();
        List<Path> tmpBefore = list(tmp);
        List<Path> cwdBefore = list(cwd);
        WarmUp.once(false);
        WarmUp.once(false); // and again: nothing of the first is kept
        WarmUp.once(true); // a sweep's
        WarmUp.once(true);
        assertEquals(cwdBefore, list(cwd));
        assertEquals(tmpBefore.stream().filter(p -> p.getFileName().toString().contains("spill")).toList(),
                list(tmp).stream().filter(p -> p.getFileName().toString().contains("spill")).toList());
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
