package org.caniclab.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated malformed inputs over every shipped scenario (scenarios/*.toml and scenarios/studies/*.toml): the file cut after each of its lines, and a garbage
 * byte sequence put in place of each line. Every case must be either a valid scenario (one "OK" line) or exit 2 with
 * exactly one line on stderr and nothing on stdout; none may take more than a few seconds.
 */
class GeneratedMalformedInputTest {
    private static final Path SCENARIOS = Path.of("..", "scenarios");
    private static final byte[] GARBAGE = {(byte) 0xFF, 0, (byte) 0xC3, '=', '[', '"', '\\', (byte) 0x80, '\n'};

    @TempDir
    Path dir;

    @Test
    void truncationsAndGarbageLinesAreValidOrOneLineExitTwo() throws IOException {
        // The scenarios with what they refer to (canic.toml, traces/), so that only the damage differs.
        try (Stream<Path> all = Files.walk(SCENARIOS)) {
            for (Path p : all.toList()) {
                Path to = dir.resolve(SCENARIOS.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        List<Path> shipped = new ArrayList<>();
        for (Path folder : List.of(SCENARIOS, SCENARIOS.resolve("studies"))) {
            try (Stream<Path> files = Files.list(folder)) {
                files.filter(p -> p.toString().endsWith(".toml") && !p.getFileName().toString().startsWith("canic."))
                        .sorted().forEach(shipped::add);
            }
        }
        int cases = 0;
        int refused = 0;
        for (Path scenario : shipped) {
            List<String> lines = Files.readAllLines(scenario, StandardCharsets.UTF_8);
            for (int cut = 0; cut < lines.size(); cut++) {
                String text = String.join("\n", lines.subList(0, cut)) + (cut > 0 ? "\n" : "");
                refused += check(write(scenario, "cut" + cut, text.getBytes(StandardCharsets.UTF_8)));
                cases++;
                List<byte[]> parts = new ArrayList<>();
                for (int i = 0; i < lines.size(); i++) {
                    parts.add(i == cut ? GARBAGE : (lines.get(i) + "\n").getBytes(StandardCharsets.UTF_8));
                }
                refused += check(write(scenario, "garbage" + cut, concat(parts)));
                cases++;
            }
        }
        System.out.printf("malformed-input truncations: %d cases (%d refused)%n", cases, refused);
        assertTrue(cases >= 300, cases + " cases");
        assertTrue(refused > cases / 4, "only " + refused + " of " + cases + " refused: the damage must matter");
    }

    private Path write(Path scenario, String tag, byte[] bytes) throws IOException {
        String name = scenario.getFileName().toString().replace(".toml", "-" + tag + ".toml");
        return Files.write(dir.resolve(SCENARIOS.relativize(scenario).resolveSibling(name).toString()), bytes);
    }

    private static byte[] concat(List<byte[]> parts) {
        int n = parts.stream().mapToInt(b -> b.length).sum();
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] b : parts) {
            System.arraycopy(b, 0, out, at, b.length);
            at += b.length;
        }
        return out;
    }

    /** 1 when refused (exit 2, one line, nothing on stdout), 0 when valid; fails otherwise. */
    private static int check(Path file) {
        long start = System.nanoTime();
        Cli.Result r = Cli.real("validate", file.toString());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 5_000, file + " took " + millis + " ms");
        if (r.exit() == 0) {
            assertTrue(r.out().startsWith("OK "), file + ": " + r.out());
            assertEquals(1, r.out().lines().count(), file + ": " + r.out());
            return 0;
        }
        assertEquals(2, r.exit(), file + ": " + r.err());
        assertEquals(1, r.errLines().size(), file + ": " + r.err());
        assertTrue(r.err().startsWith("error: "), file + ": " + r.err());
        assertFalse(r.err().contains("Exception"), file + ": " + r.err());
        assertEquals("", r.out(), file.toString());
        return 1;
    }
}
