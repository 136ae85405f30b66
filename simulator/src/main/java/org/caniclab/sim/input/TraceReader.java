package org.caniclab.sim.input;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.caniclab.sim.model.Names;

/**
 * Reads a load trace, streamed: one row at a time, memory bounded by the longest line, never by the file.
 * The one reader for both checking a trace at load and replaying it, so the two agree on every file.
 *
 * <p>Format (scenarios/README.md, "Traces"): CSV as commons-csv reads it (double-quoted fields, {@code ""}
 * for a quote), UTF-8 with or without a byte-order mark, lines ending in LF, CRLF or CR alone. Blank lines
 * and lines whose first field starts with {@code #} are skipped. The first other line is a header if one of
 * its fields is {@code time_s}: then {@code time_s} (required) and {@code pool} (optional) are found by name,
 * each at most once, other columns are ignored and every row has the header's number of fields. Without a
 * header the rows are {@code time_s[,pool]}. {@code time_s} is seconds from the start of the run, >= 0,
 * non-decreasing; an empty or absent pool means the source's default pool.
 *
 * <pre>{@code
 * try (TraceReader r = TraceReader.open(path, Set.of("api", "web"), Optional.of("api"))) {
 *     for (TraceRow row = r.next(); row != null; row = r.next()) { ... }
 * } catch (TraceException e) {
 *     System.err.println(path + ":" + e.line() + ": " + e.problem());
 * }
 * }</pre>
 */
public final class TraceReader implements Closeable {
    /** Appended to every row problem. */
    public static final String ACCEPTED = "; accepted: rows time_s[,pool] (seconds from the start, non-decreasing), "
            + "optionally under a header naming time_s and pool";
    /** The longest line read: a longer one is refused rather than held in memory. */
    public static final int MAX_LINE_CHARS = 64 * 1024;

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setIgnoreEmptyLines(false) // blank lines come back as records, so that line numbers stay exact
            .setCommentMarker('#')
            .get();

    private final Set<String> pools;
    private final Optional<String> defaultPool;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private boolean first = true;
    private int timeColumn = 0;
    private int poolColumn = 1;
    private int columns = -1; // -1: no header, at most 2 fields
    private long last;

    private TraceReader(BufferedReader in, Collection<String> pools, Optional<String> defaultPool) throws IOException {
        this.pools = new TreeSet<>(pools);
        this.defaultPool = defaultPool;
        this.parser = FORMAT.parse(new LineLimit(in));
        this.records = parser.iterator();
    }

    /**
     * Opens a trace.
     *
     * @param pools the pools rows may name
     * @param defaultPool the pool of a row that names none (one of {@code pools}), or empty
     * @throws InputFileException if the file is not a regular file or cannot be opened
     */
    public static TraceReader open(Path file, Collection<String> pools, Optional<String> defaultPool) {
        BufferedReader in = InputFiles.openText(file);
        try {
            return new TraceReader(in, pools, defaultPool);
        } catch (IOException e) {
            try {
                in.close();
            } catch (IOException ignored) {
                // reported below
            }
            throw new InputFileException(InputFiles.reason(e), e);
        }
    }

    /**
     * The next row, or null at the end of the trace.
     *
     * @throws TraceException naming the line of a row that cannot be replayed
     */
    public TraceRow next() {
        while (true) {
            long line = parser.getCurrentLineNumber() + 1;
            CSVRecord r;
            try {
                if (!records.hasNext()) {
                    return null;
                }
                r = records.next();
            } catch (UncheckedIOException | IllegalStateException e) {
                throw unreadable(line, e);
            }
            if (r.hasComment()) {
                line += r.getComment().chars().filter(c -> c == '\n').count() + 1;
            }
            List<String> fields = new ArrayList<>(r.size());
            r.forEach(f -> fields.add(f.strip()));
            if (fields.isEmpty() || (fields.size() == 1 && fields.get(0).isEmpty()) || fields.get(0).startsWith("#")) {
                continue; // blank, or a comment after leading blanks (commons-csv takes # at the line start only)
            }
            if (first) {
                first = false;
                if (fields.contains("time_s")) {
                    header(fields, line);
                    continue;
                }
            }
            return row(fields, line);
        }
    }

    private void header(List<String> names, long line) {
        for (String name : List.of("time_s", "pool")) {
            int at = names.indexOf(name);
            if (at >= 0 && names.lastIndexOf(name) != at) {
                throw new TraceException(line, "the header names " + name + " twice (columns " + (at + 1) + " and "
                        + (names.lastIndexOf(name) + 1) + "); accepted: a header naming time_s once and pool at most "
                        + "once", null);
            }
        }
        timeColumn = names.indexOf("time_s");
        poolColumn = names.indexOf("pool");
        columns = names.size();
    }

    private TraceRow row(List<String> fields, long line) {
        if (columns < 0 ? fields.size() > 2 : fields.size() != columns) {
            throw new TraceException(line, "row has " + fields.size() + " fields, expected "
                    + (columns < 0 ? "time_s[,pool]" : columns + " as in the header") + ACCEPTED, null);
        }
        String timeText = fields.get(timeColumn);
        double seconds;
        try {
            seconds = Double.parseDouble(timeText);
        } catch (NumberFormatException e) {
            throw new TraceException(line, "time_s \"" + Names.clip(timeText) + "\" is not a number" + ACCEPTED, null);
        }
        if (!(seconds >= 0) || Double.isInfinite(seconds) || seconds > Long.MAX_VALUE / 1e9) {
            throw new TraceException(line, "time_s " + Names.clip(timeText) + " is out of range" + ACCEPTED, null);
        }
        long nanos = Math.round(seconds * 1e9);
        if (nanos < last) {
            throw new TraceException(line, "time_s " + timeText + " is earlier than the previous row" + ACCEPTED, null);
        }
        last = nanos;
        String pool = poolColumn >= 0 && poolColumn < fields.size() ? fields.get(poolColumn) : "";
        if (pool.isEmpty()) {
            if (defaultPool.isEmpty()) {
                throw new TraceException(line, "row names no pool and the load sets no default; accepted: a pool "
                        + "column value, or pool = \"...\" in [[load]]", null);
            }
            pool = defaultPool.get();
        } else if (!pools.contains(pool)) {
            throw new TraceException(line, "no pool '" + Names.clip(pool) + "' in the scenario"
                    + Names.suggestion(pool, pools) + "; accepted: " + String.join(", ", pools), null);
        }
        return new TraceRow(line, nanos, pool);
    }

    private static TraceException unreadable(long line, RuntimeException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        if (cause instanceof LineTooLong tooLong) {
            return new TraceException(tooLong.line, "the line is longer than " + MAX_LINE_CHARS + " characters"
                    + ACCEPTED, e);
        }
        if (cause instanceof CharacterCodingException) {
            return new TraceException(line, "the file is not UTF-8 text" + ACCEPTED, e);
        }
        String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new TraceException(line, "not CSV: " + Names.clip(why) + ACCEPTED, e);
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException ignored) {
            // a trace is only read: a failed close loses nothing
        }
    }

    /** Raised by {@link LineLimit}. */
    private static final class LineTooLong extends IOException {
        private static final long serialVersionUID = 1L;
        final long line;

        LineTooLong(long line) {
            this.line = line;
        }
    }

    /** Fails a read once a line grows past {@link #MAX_LINE_CHARS}, so one endless line cannot fill memory. */
    private static final class LineLimit extends FilterReader {
        private int run;
        private long line = 1;
        private boolean afterCr;

        LineLimit(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                count((char) c);
            }
            return c;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            for (int i = 0; i < n; i++) {
                count(buf[off + i]);
            }
            return n;
        }

        private void count(char c) throws LineTooLong {
            if (c == '\n' || c == '\r') {
                if (!(c == '\n' && afterCr)) {
                    line++; // CR, LF and CRLF each end one line, as commons-csv counts them
                }
                run = 0;
            } else if (++run > MAX_LINE_CHARS) {
                throw new LineTooLong(line);
            }
            afterCr = c == '\r';
        }
    }
}
