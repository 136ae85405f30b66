package org.caniclab.bench.gate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** The hand-written JMH result files under src/test/resources and the checked-in gates.toml. */
final class Fixtures {
    /** A quick run of the gated set where all is well (countByPoolIndexed at 100 000 has one stalled iteration). */
    static final String HEALTHY = "healthy-quick.json";
    /** The same run with LinearScalingRegistry behind the "indexed" benchmarks (-Dcaniclab.bench.registry=linear). */
    static final String SLOWED_REGISTRY = "slowed-registry-quick.json";
    /** The healthy run except that planCreateWorker allocates its 32-byte plan on every call. */
    static final String PLANNING_ALLOCATES = "planning-allocates-quick.json";

    private Fixtures() {}

    /** The gate file CI uses; tests run with the module directory as working directory. */
    static Path gatesToml() {
        return Path.of("gates.toml");
    }

    static GateFile gates() {
        return GateFile.read(gatesToml());
    }

    static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<BenchmarkResult> results(String name) {
        return JmhResults.parse(text(name), name).results();
    }
}
