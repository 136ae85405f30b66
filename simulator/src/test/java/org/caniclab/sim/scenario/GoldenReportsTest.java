package org.caniclab.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped scenarios' reports for seeds 1, 2 and 3, compared byte for byte with the copies checked in under
 * {@code src/test/golden/<scenario>/seed-<n>/}. Every file but {@code run-info.json} (wall time, JVM) is a pure
 * function of scenario and seed, so any difference — a refactoring that changed behaviour, a JVM or CPU that
 * computes a sample differently — fails here, on whatever machine runs the suite.
 *
 * <p>After a deliberate change of the outputs, regenerate with {@code scripts/update-golden} and review the diff.
 */
@Tag("scenario")
class GoldenReportsTest {
    static final Path GOLDEN = Path.of("src/test/golden");
    static final boolean UPDATE = Boolean.getBoolean("caniclab.golden.update");

    @TempDir
    Path dir;

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String name : ShippedScenariosTest.shipped().toList()) {
            for (int seed = 1; seed <= 3; seed++) {
                out.add(Arguments.of(name.substring(0, name.length() - ".toml".length()), seed));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("cases")
    void reportMatchesGolden(String scenario, int seed) throws IOException {
        Path out = dir.resolve("report");
        ShippedScenariosTest.Run r = ShippedScenariosTest.cli("replay",
                ShippedScenariosTest.scenarios().resolve(scenario + ".toml").toString(), "--seed",
                Integer.toString(seed), "--out", out.toString(), "--quiet");
        if (r.exit() != 0 && r.exit() != 1) {
            fail("replay exited " + r.exit() + ": " + r.err());
        }
        Path golden = GOLDEN.resolve(scenario).resolve("seed-" + seed);
        List<String> produced = reportFiles(out);
        if (UPDATE) {
            if (Files.isDirectory(golden)) {
                for (String f : reportFiles(golden)) {
                    Files.delete(golden.resolve(f));
                }
            }
            Files.createDirectories(golden);
            for (String f : produced) {
                Files.copy(out.resolve(f), golden.resolve(f));
            }
            return;
        }
        assertEquals(reportFiles(golden), produced, "files of " + golden);
        for (String f : produced) {
            String expected = Files.readString(golden.resolve(f), StandardCharsets.UTF_8);
            String actual = Files.readString(out.resolve(f), StandardCharsets.UTF_8);
            assertEquals(expected, actual, golden.resolve(f) + " (regenerate with scripts/update-golden if intended)");
        }
    }

    private static List<String> reportFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("run-info.json")).sorted()
                    .toList();
        }
    }
}
