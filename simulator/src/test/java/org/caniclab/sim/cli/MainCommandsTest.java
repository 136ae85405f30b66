package org.caniclab.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainCommandsTest {

    private static CommandLine commandLine(String only) {
        return Main.newCommandLine(Cli.NEVER, false, Map.<String, String>of()::get, only);
    }

    @Test
    void theCommandListNamesEverySubcommandInHelpOrder() {
        assertEquals(List.copyOf(commandLine(null).getSubcommands().keySet()), Main.COMMANDS);
    }

    @Test
    void aNamedCommandGetsAModelOfItsOwnIdenticalToTheFullOnes() {
        CommandLine full = commandLine(null);
        for (String name : Main.COMMANDS) {
            CommandLine one = commandLine(name);
            assertEquals(Set.of(name), one.getSubcommands().keySet(), name);
            // The same usage text: options, parameters and the "caniclab <name>" synopsis.
            assertEquals(full.getSubcommands().get(name).getUsageMessage(), one.getSubcommands().get(name).getUsageMessage(),
                    name);
        }
    }
}
