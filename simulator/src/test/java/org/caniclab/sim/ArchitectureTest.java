package org.caniclab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way: core ← model ← loader / simulator / substrates → reports ← cli. Every project import in
 * the main sources of core, reports and simulator is checked against the packages its own package may use (each
 * package-info says the same in words), so an upward import fails here rather than in a reader's head.
 */
class ArchitectureTest {
    private static final String CORE = "core.";
    /** Package (without {@code org.caniclab.}) → the project packages it may import; a trailing '.' is a prefix. */
    private static final Map<String, List<String>> ALLOWED = new TreeMap<>(Map.ofEntries(
            Map.entry("core.", List.of(CORE)),
            Map.entry("reports", List.of("core.config", "reports.html")),
            Map.entry("reports.html", List.of("reports")),
            Map.entry("sim.model", List.of(CORE)),
            Map.entry("sim.input", List.of(CORE, "sim.model")),
            Map.entry("sim.scenario", List.of(CORE, "sim.model", "sim.input")),
            Map.entry("sim.engine", List.of(CORE, "sim.model")),
            Map.entry("sim.load", List.of(CORE, "sim.model", "sim.engine", "sim.input")),
            Map.entry("sim.ic", List.of(CORE, "sim.model", "sim.engine", "sim.load")),
            Map.entry("sim.collect", List.of(CORE, "reports", "sim.model", "sim.load")),
            Map.entry("sim", List.of(CORE, "reports", "sim.model", "sim.engine", "sim.ic", "sim.load", "sim.collect")),
            Map.entry("sim.substrate", List.of(CORE, "reports", "sim", "sim.model", "sim.collect")),
            Map.entry("sim.substrate.", List.of(CORE, "reports", "sim", "sim.model", "sim.collect", "sim.substrate",
                    "sim.substrate.management")),
            Map.entry("sim.sweep", List.of(CORE, "reports", "sim", "sim.model", "sim.scenario")),
            Map.entry("sim.cluster", List.of("reports", "sim", "sim.model", "sim.scenario", "sim.substrate",
                    "sim.sweep")),
            Map.entry("sim.cli", List.of("core.", "reports.", "reports", "sim", "sim."))));
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?org\\.caniclab\\.([a-z.]+?)\\.[A-Z]",
            Pattern.MULTILINE);

    static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("core/src/main/java"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }

    @Test
    void everyProjectImportPointsTheAllowedWay() throws IOException {
        List<String> violations = new ArrayList<>();
        TreeSet<String> packagesSeen = new TreeSet<>();
        for (String module : List.of("core", "reports", "simulator")) {
            try (Stream<Path> files = Files.walk(root().resolve(module).resolve("src/main/java"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    String text = read(f);
                    Matcher pkg = Pattern.compile("^package org\\.caniclab\\.([a-z.]+);", Pattern.MULTILINE)
                            .matcher(text);
                    assertTrue(pkg.find(), f + " has no package");
                    String own = pkg.group(1);
                    packagesSeen.add(own);
                    List<String> allowed = allowed(own);
                    Matcher m = IMPORT.matcher(text);
                    while (m.find()) {
                        String dep = m.group(1);
                        if (!dep.equals(own) && allowed.stream().noneMatch(a -> matches(a, dep))) {
                            violations.add(root().relativize(f) + ": " + own + " imports " + dep);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
        assertEquals(List.of(), hazelcastOutsideCluster(), "only sim.cluster may import Hazelcast: a local sweep "
                + "loads none of it");
        for (String p : packagesSeen) {
            allowed(p); // every package has a rule
        }
    }

    private static List<String> hazelcastOutsideCluster() throws IOException {
        List<String> out = new ArrayList<>();
        for (String module : List.of("core", "reports", "simulator")) {
            try (Stream<Path> files = Files.walk(root().resolve(module).resolve("src/main/java"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    String text = read(f);
                    if (!text.contains("package org.caniclab.sim.cluster;")
                            && Pattern.compile("^import (static )?com\\.hazelcast\\.", Pattern.MULTILINE)
                                    .matcher(text).find()) {
                        out.add(root().relativize(f).toString());
                    }
                }
            }
        }
        return out;
    }

    @Test
    void theRulesBite() {
        assertTrue(allowed("sim.load").stream().noneMatch(a -> matches(a, "reports")), "load may not import reports");
        assertTrue(allowed("sim.scenario").stream().noneMatch(a -> matches(a, "sim.ic")), "the loader stays below");
        assertTrue(allowed("core.workflow").stream().noneMatch(a -> matches(a, "sim.model")), "core imports no sim");
    }

    private static List<String> allowed(String pkg) {
        List<String> rule = ALLOWED.get(pkg);
        if (rule == null) {
            rule = ALLOWED.entrySet().stream().filter(e -> e.getKey().endsWith(".") && pkg.startsWith(e.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
        if (rule == null) {
            throw new AssertionError("package org.caniclab." + pkg + " has no dependency rule in ArchitectureTest");
        }
        return rule;
    }

    private static boolean matches(String rule, String dep) {
        return rule.endsWith(".") ? dep.startsWith(rule) : dep.equals(rule);
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
