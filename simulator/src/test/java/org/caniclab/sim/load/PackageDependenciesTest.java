package org.caniclab.sim.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The request path does not speak the reports' vocabulary (package-info of sim.load and sim.engine). */
class PackageDependenciesTest {

    @Test
    void loadAndEngineDoNotImportReports() throws IOException {
        Path main = Path.of("src/main/java/org/caniclab/sim");
        for (String pkg : List.of("load", "engine")) {
            Path dir = main.resolve(pkg);
            assertTrue(Files.isDirectory(dir), dir + " (run from the simulator module)");
            List<String> offenders;
            try (Stream<Path> files = Files.list(dir)) {
                offenders = files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                    try {
                        return Files.readAllLines(f).stream().anyMatch(l -> l.startsWith("import org.caniclab.reports"));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).map(f -> f.getFileName().toString()).sorted().toList();
            }
            assertEquals(List.of(), offenders, "sim." + pkg + " classes importing org.caniclab.reports");
        }
    }
}
