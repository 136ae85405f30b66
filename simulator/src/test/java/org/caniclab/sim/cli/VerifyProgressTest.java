package org.caniclab.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code verify} off a terminal (a CI log, a pipe) prints a plain progress line at most every 10 s of wall time, none
 * with {@code --quiet}, and its stdout never depends on either. The wall clock is the test's: each reading moves it
 * 11 s, so every progress report of the search (one per 4 096 transitions) is due a line.
 */
class VerifyProgressTest {
    private static final String DOZEN = "../scenarios/verify-dozen.toml";

    private record Out(int exit, String out, List<String> err) {}

    private static Out verify(LongSupplier clock, String... extra) {
        CommandLine cli = new CommandLine(new VerifyCommand(false, clock));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] args = new String[extra.length + 3];
        args[0] = DOZEN;
        args[1] = "--failures";
        args[2] = "1";
        System.arraycopy(extra, 0, args, 3, extra.length);
        int exit = cli.execute(args);
        return new Out(exit, out.toString(), err.toString().lines().toList());
    }

    @Test
    void aLongSearchOffATerminalPrintsLinesAndQuietSilencesThem() {
        AtomicLong t = new AtomicLong();
        Out slow = verify(() -> t.addAndGet(11_000_000_000L), "--json");
        // 8 408 transitions (the --json figure): reports at 4 096 and 8 192, each more than 10 s after the last line.
        assertTrue(slow.out().contains("\"transitions\": 8408"), slow.out());
        assertEquals(2, slow.err().size(), String.join("\n", slow.err()));
        for (String line : slow.err()) {
            assertTrue(line.matches("progress: exploring, \\d+ states, \\d+ transitions, depth \\d+, \\d+s elapsed"),
                    line);
        }
        assertTrue(slow.err().get(0).contains(" 4096 transitions") && slow.err().get(1).contains(" 8192 transitions"),
                slow.err().toString());

        Out quiet = verify(() -> t.addAndGet(11_000_000_000L), "--json", "--quiet");
        assertEquals(List.of(), quiet.err());
        // A clock that barely moves: a search shorter than 10 s says nothing.
        AtomicLong fast = new AtomicLong();
        Out brief = verify(() -> fast.addAndGet(1_000_000L), "--json");
        assertEquals(List.of(), brief.err());
        assertEquals(slow.exit(), quiet.exit());
        assertEquals(slow.out(), quiet.out(), "stdout does not depend on progress");
        assertEquals(slow.out(), brief.out());
    }
}
