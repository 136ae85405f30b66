package org.caniclab.sim.load;

import static org.caniclab.sim.load.LoadTestSupport.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.caniclab.sim.engine.Engine;
import org.caniclab.sim.engine.RandomStreams;
import org.caniclab.sim.model.LoadSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceProcessTest {
    @TempDir
    Path dir;

    private Engine engine;
    private SortedMap<String, Pool> pools;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private void replay(Path file, String defaultPool, long end) {
        engine = new Engine();
        pools = new TreeMap<>();
        pools.put("api", LoadTestSupport.countingPool(engine, "api"));
        pools.put("web", LoadTestSupport.countingPool(engine, "web"));
        try (LoadSources.Running r = LoadSources.start(List.of(new LoadSource.Trace("t", file, java.util.Optional.ofNullable(defaultPool))), pools,
                new RandomStreams(1), engine, end)) {
            engine.runUntil(end);
        }
    }

    @Test
    void replaysRowsWithHeaderAndDefaultPool() throws IOException {
        Path f = write("a.csv", "time_s,pool\n0.5,api\n1.0,\n# comment\n\n1.0,web\n2.25,web\n");
        replay(f, "api", 10 * S);
        assertEquals(2, pools.get("api").arrivalsTotal());
        assertEquals(2, pools.get("web").arrivalsTotal());
        assertEquals(4, engine.eventsProcessed());
    }

    @Test
    void replaysHeaderlessRowsAndStopsAtTheEnd() throws IOException {
        Path f = write("b.csv", "0.1\n0.2,web\n5\n50\n");
        replay(f, "api", 10 * S);
        assertEquals(2, pools.get("api").arrivalsTotal());
        assertEquals(1, pools.get("web").arrivalsTotal());
    }

    @Test
    void malformedRowNamesFileAndLine() throws IOException {
        Path f = write("bad.csv", "time_s,pool\n0.5,api\n\nabc,api\n");
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> replay(f, "api", 10 * S));
        assertEquals(4, e.line());
        assertTrue(e.getMessage().contains("bad.csv:4"), e.getMessage());
        assertTrue(e.getMessage().contains("\"abc\""), e.getMessage());
    }

    @Test
    void timeGoingBackwardsIsRejected() throws IOException {
        Path f = write("back.csv", "time_s\n2\n1\n");
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> replay(f, "api", 10 * S));
        assertTrue(e.getMessage().contains("back.csv:3") && e.getMessage().contains("non-decreasing"),
                e.getMessage());
    }

    @Test
    void unknownPoolAndMissingPoolAreRejected() throws IOException {
        Path unknown = write("u.csv", "time_s,pool\n1,db\n");
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> replay(unknown, "api", 10 * S));
        assertTrue(e.getMessage().contains("u.csv:2") && e.getMessage().contains("'db'"), e.getMessage());
        Path missing = write("m.csv", "time_s,pool\n1,\n");
        e = assertThrows(TraceFormatException.class, () -> replay(missing, null, 10 * S));
        assertTrue(e.getMessage().contains("m.csv:2"), e.getMessage());
        Path wide = write("w.csv", "1,api,extra\n");
        e = assertThrows(TraceFormatException.class, () -> replay(wide, null, 10 * S));
        assertTrue(e.getMessage().contains("w.csv:1") && e.getMessage().contains("time_s[,pool]"), e.getMessage());
    }

    @Test
    void missingFileIsReported() {
        Path nowhere = dir.resolve("nowhere.csv");
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> replay(nowhere, "api", S));
        assertTrue(e.getMessage().contains("nowhere.csv"), e.getMessage());
    }

    /** A trace the loader accepts is replayed row for row; one it refuses stops replay at the same line. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "time_s,pool\r1,api\r2,web\r",                 // CR-only line ends
        "\uFEFFtime_s,pool\r\n1,api\r\n2,web\r\n",      // byte-order mark, CRLF
        "pool,time_s\n\"api\",\"1\"\n\"web\",2\n",         // quoted fields, columns by name
        "time_s,time_s\n1,2\n",                          // a column named twice: refused by both
        "time_s\n1\n0.5\n"})                             // time going back: refused by both
    void replaysExactlyWhatTheLoaderAccepts(String content) throws IOException {
        Path trace = write("v.csv", content);
        Path scenario = write("v.toml", "[pools.api]\ncanister_role = \"a\"\n[pools.web]\ncanister_role = \"w\"\n"
                + "[[load]]\nkind = \"trace\"\nfile = \"v.csv\"\npool = \"api\"\n");
        org.caniclab.sim.scenario.ScenarioException refused = null;
        try {
            org.caniclab.sim.scenario.ScenarioLoader.load(scenario);
        } catch (org.caniclab.sim.scenario.ScenarioException e) {
            refused = e;
        }
        if (refused == null) {
            replay(trace, "api", 10 * S);
            assertEquals(1, pools.get("api").arrivalsTotal(), content);
            assertEquals(1, pools.get("web").arrivalsTotal(), content);
        } else {
            org.caniclab.sim.scenario.ScenarioException loaderError = refused;
            TraceFormatException e = assertThrows(TraceFormatException.class, () -> replay(trace, "api", 10 * S));
            assertEquals(loaderError.line(), e.line(), loaderError.getMessage() + " / " + e.getMessage());
            assertTrue(e.getMessage().endsWith(loaderError.problem()), e.getMessage());
        }
    }
}
