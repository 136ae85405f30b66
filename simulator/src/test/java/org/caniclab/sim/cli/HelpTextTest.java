package org.caniclab.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's {@code --help} formats cleanly: picocli formats descriptions with {@code String.format}, so a
 * bare {@code %} (as in "95% interval") makes it print a warning on the process's stderr and show the raw text.
 */
class HelpTextTest {
    @Test
    void everyCommandsHelpFormatsWithoutAWarning() {
        CommandLine root = Main.newCommandLine();
        PrintStream saved = System.err;
        ByteArrayOutputStream tracer = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(tracer, true, StandardCharsets.UTF_8));
            for (String command : root.getSubcommands().keySet()) {
                CommandLine cli = Main.newCommandLine();
                StringWriter out = new StringWriter();
                cli.setOut(new PrintWriter(out, true));
                cli.setErr(new PrintWriter(new StringWriter(), true));
                assertEquals(0, cli.execute(command, "--help"), command);
                assertTrue(out.toString().contains("Usage: caniclab " + command), command + ": " + out);
                assertFalse(out.toString().contains("%n"), command + " shows an unformatted description");
            }
        } finally {
            System.setErr(saved);
        }
        assertEquals("", tracer.toString(StandardCharsets.UTF_8));
    }
}
