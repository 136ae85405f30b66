package org.caniclab.sim.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceReaderTest {
    @TempDir
    Path dir;

    private List<TraceRow> read(String content, Optional<String> defaultPool) throws IOException {
        Path p = dir.resolve("t.csv");
        Files.write(p, content.getBytes(StandardCharsets.UTF_8));
        List<TraceRow> rows = new ArrayList<>();
        try (TraceReader r = TraceReader.open(p, Set.of("api", "web"), defaultPool)) {
            for (TraceRow row = r.next(); row != null; row = r.next()) {
                rows.add(row);
            }
        }
        return rows;
    }

    private TraceException fails(String content) {
        return assertThrows(TraceException.class, () -> read(content, Optional.of("api")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void readsEveryLineEndingWithExactLineNumbers(String eol) throws IOException {
        String text = String.join(eol, "# comment", "time_s,pool", "0.5,api", "", "1.25,web", "2,") + eol;
        assertEquals(List.of(new TraceRow(3, 500_000_000L, "api"), new TraceRow(5, 1_250_000_000L, "web"),
                new TraceRow(6, 2_000_000_000L, "api")), read(text, Optional.of("api")));
        TraceException e = fails(String.join(eol, "time_s,pool", "1,api", "", "x,api"));
        assertEquals(4, e.line());
    }

    @Test
    void skipsAByteOrderMarkSoTheHeaderIsAHeader() throws IOException {
        assertEquals(List.of(new TraceRow(2, 1_000_000_000L, "web")), read("\uFEFFtime_s,pool\n1,web\n", Optional.empty()));
    }

    @Test
    void readsQuotedFieldsAndFindsColumnsByName() throws IOException {
        assertEquals(List.of(new TraceRow(2, 1_500_000_000L, "web"), new TraceRow(3, 2_000_000_000L, "api")),
                read("pool,note,time_s\n\"web\",\"a, quoted note\",\"1.5\"\napi,\"two\nlines\",2\n", Optional.empty()));
    }

    @Test
    void refusesAHeaderThatNamesAColumnTwice() {
        TraceException e = fails("time_s,time_s\n1,2\n");
        assertEquals(1, e.line());
        assertTrue(e.problem().contains("the header names time_s twice (columns 1 and 2)"), e.problem());
        e = fails("time_s,pool,pool\n1,api,web\n");
        assertTrue(e.problem().contains("names pool twice"), e.problem());
    }

    @Test
    void namesTheLineOfEachBadRow() {
        TraceException e = fails("time_s,pool\n0.5,api\n0.25,api\n");
        assertEquals(3, e.line());
        assertTrue(e.problem().contains("earlier than the previous row"), e.problem());
        e = fails("1,nope\n");
        assertTrue(e.problem().contains("no pool 'nope' in the scenario"), e.problem());
        e = fails("1,api,extra\n");
        assertTrue(e.problem().contains("row has 3 fields, expected time_s[,pool]"), e.problem());
        e = fails("time_s,pool\n1,\"unterminated\n");
        assertEquals(2, e.line());
        assertThrows(TraceException.class, () -> read("1\n", Optional.empty()));
    }

    @Test
    void refusesAnEndlessLineInsteadOfHoldingIt() {
        TraceException e = fails("time_s\n1\n" + "9".repeat(TraceReader.MAX_LINE_CHARS + 10) + "\n");
        assertEquals(3, e.line());
        assertTrue(e.problem().contains("longer than " + TraceReader.MAX_LINE_CHARS), e.problem());
    }

    @Test
    void refusesBytesThatAreNotUtf8() throws IOException {
        Path p = dir.resolve("bin.csv");
        Files.write(p, new byte[] {'1', ',', (byte) 0xC3, (byte) 0x28, '\n'});
        // Refused at open (the decoder reads ahead) or at the row: either way it says why.
        RuntimeException e = assertThrows(RuntimeException.class, () -> {
            try (TraceReader r = TraceReader.open(p, Set.of("api"), Optional.of("api"))) {
                while (r.next() != null) {
                    // read to the end
                }
            }
        });
        assertTrue(e instanceof TraceException || e instanceof InputFileException, e.toString());
        assertTrue(e.getMessage().contains("not UTF-8 text"), e.getMessage());
    }
}
