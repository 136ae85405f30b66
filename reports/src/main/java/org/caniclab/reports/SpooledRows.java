package org.caniclab.reports;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * An append-only sequence of report rows whose memory is bounded: the first {@code memoryRows} rows are kept in
 * memory, the rest are spooled to a compact temporary file ({@link SpillFiles} says where), and the whole sequence
 * is read back in append order as often as needed. {@link #close()} deletes the file; so does the garbage collector
 * if a spool is dropped unclosed, and the next run sweeps up after a killed one. A run's events
 * ({@link RunResult#events()}) and its timeline's rows ({@link Timeline}) are kept this way, so a long run's memory
 * does not grow with its length.
 *
 * <pre>{@code
 * try (SpooledRows<OrchestrationEvent> events = SpooledRows.events(SpillFiles.temporary())) {
 *     events.append(new OrchestrationEvent(0, "api", "bootstrap", "started", ""));
 *     for (OrchestrationEvent e : events) { ... }                  // memory first, then the file: append order
 * }
 * SpooledRows<OrchestrationEvent> small = SpooledRows.of(List.of(e1, e2));   // in memory, never spills
 * }</pre>
 *
 * <p>The file stores every field exactly (doubles as their bits, strings as UTF-8 with repeated ones by number), so
 * a row read back equals the row appended. Not thread-safe: one thread appends, then any reads.
 *
 * @param <T> the row type
 */
public final class SpooledRows<T> implements Iterable<T>, AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    /** How a row type is written to a spill file and read back. */
    interface Codec<T> {
        void write(Writer out, T row) throws IOException;

        T read(Reader in) throws IOException;
    }

    private final Codec<T> codec;
    private final SpillFiles spill;
    private final List<T> memory = new ArrayList<>();
    private final Spill file;
    private final Cleaner.Cleanable cleanable;
    private long size;
    private boolean closed;

    SpooledRows(Codec<T> codec, SpillFiles spill) {
        this.codec = codec;
        this.spill = spill;
        this.file = new Spill();
        this.cleanable = CLEANER.register(this, file);
    }

    /** A spool of {@code timeline.csv}'s rows. */
    static SpooledRows<TimelineRow> timelineRows(SpillFiles spill) {
        return new SpooledRows<>(TIMELINE, spill);
    }

    /** A spool of {@code events.csv}'s rows. */
    public static SpooledRows<OrchestrationEvent> events(SpillFiles spill) {
        return new SpooledRows<>(EVENTS, spill);
    }

    /** The rows of {@code rows}, in memory (a spool that is never appended to). */
    public static <T> SpooledRows<T> of(List<? extends T> rows) {
        SpooledRows<T> s = new SpooledRows<>(null, null);
        s.memory.addAll(List.copyOf(rows));
        s.size = rows.size();
        return s;
    }

    /** Appends a row: to memory while under the bound, else to the spill file (or nowhere, if rows are discarded). */
    public void append(T row) {
        Objects.requireNonNull(row, "row");
        if (closed) {
            throw new IllegalStateException("spool is closed");
        }
        if (codec == null) {
            throw new IllegalStateException("an in-memory spool made by SpooledRows.of takes no rows");
        }
        size++;
        if (memory.size() < spill.memoryRows()) {
            memory.add(row);
            return;
        }
        if (!spill.keepsRows()) {
            file.discarded++;
            return;
        }
        try {
            if (file.out == null) {
                file.path = spill.create();
                file.out = new Writer(new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file.path),
                        1 << 16)));
            }
            codec.write(file.out, row);
            file.written++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool a row to " + file.path + ": " + e.getMessage(), e);
        }
    }

    /** Rows appended, kept or not. */
    public long size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Whether every appended row can be read back (false when rows past the bound were discarded). */
    public boolean rowsKept() {
        return file.discarded == 0;
    }

    /** The spill file while there is one (tests check that it goes away). */
    public Optional<Path> spillFile() {
        return Optional.ofNullable(file.path);
    }

    /**
     * Every row in append order: those in memory, then those read back from the file.
     *
     * @throws IllegalStateException if the spool is closed or rows were discarded
     * @throws UncheckedIOException if the spill file cannot be read
     */
    @Override
    public Iterator<T> iterator() {
        if (closed) {
            throw new IllegalStateException("spool is closed: its rows were deleted");
        }
        if (!rowsKept()) {
            throw new IllegalStateException("rows were not kept (" + file.discarded + " of " + size
                    + " discarded): the run was made for its summary only");
        }
        Iterator<T> inMemory = List.copyOf(memory).iterator();
        if (file.written == 0) {
            return inMemory;
        }
        try {
            file.out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot flush " + file.path + ": " + e.getMessage(), e);
        }
        long count = file.written;
        Path path = file.path;
        return new Iterator<>() {
            private Reader in;
            private long read;

            @Override
            public boolean hasNext() {
                boolean more = inMemory.hasNext() || read < count;
                if (!more) {
                    closeReader();
                }
                return more;
            }

            @Override
            public T next() {
                if (inMemory.hasNext()) {
                    return inMemory.next();
                }
                if (read >= count) {
                    throw new NoSuchElementException();
                }
                try {
                    if (in == null) {
                        in = new Reader(new DataInputStream(new BufferedInputStream(Files.newInputStream(path),
                                1 << 16)));
                    }
                    T row = codec.read(in);
                    read++;
                    if (read == count) {
                        closeReader();
                    }
                    return row;
                } catch (IOException e) {
                    closeReader();
                    throw new UncheckedIOException("cannot read the spooled rows back from " + path + ": "
                            + e.getMessage(), e);
                }
            }

            private void closeReader() {
                if (in != null) {
                    try {
                        in.in.close();
                    } catch (IOException e) {
                        // read to the end already
                    }
                    in = null;
                }
            }
        };
    }

    /** The rows as a sequential stream, in append order. */
    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliterator(iterator(), size, Spliterator.ORDERED), false);
    }

    /** Every row in a list: for small results and tests; a long run's rows do not fit in memory. */
    public List<T> toList() {
        List<T> out = new ArrayList<>();
        forEach(out::add);
        return List.copyOf(out);
    }

    /**
     * Equal to another spool holding equal rows in the same order (read through, so this costs a pass over both
     * files); a spool that discarded rows or was closed is equal only to itself.
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SpooledRows<?> other) || size != other.size || !readable() || !other.readable()) {
            return false;
        }
        Iterator<?> a = iterator();
        Iterator<?> b = other.iterator();
        while (a.hasNext() && b.hasNext()) {
            if (!Objects.equals(a.next(), b.next())) {
                // read both to the end, which closes their readers
                a.forEachRemaining(x -> { });
                b.forEachRemaining(x -> { });
                return false;
            }
        }
        return !a.hasNext() && !b.hasNext();
    }

    /** As {@link List#hashCode()} of the rows; identity for a spool whose rows cannot be read. */
    @Override
    public int hashCode() {
        if (!readable()) {
            return System.identityHashCode(this);
        }
        int h = 1;
        for (T row : this) {
            h = 31 * h + row.hashCode();
        }
        return h;
    }

    @Override
    public String toString() {
        return "SpooledRows[" + size + " rows" + (file.path != null ? ", " + file.written + " in " + file.path : "")
                + (closed ? ", closed" : "") + "]";
    }

    private boolean readable() {
        return !closed && rowsKept();
    }

    /** Deletes the spill file and drops the rows; idempotent. Reading afterwards fails. */
    @Override
    public void close() {
        if (codec == null) {
            return; // an in-memory list: nothing to delete, and it stays readable
        }
        closed = true;
        memory.clear();
        cleanable.clean();
    }

    /**
     * The file part, held apart from the spool so that the cleaner can delete it when the spool becomes unreachable.
     */
    private static final class Spill implements Runnable {
        Path path;
        Writer out;
        long written;
        long discarded;

        @Override
        public void run() {
            if (out != null) {
                try {
                    out.out.close();
                } catch (IOException e) {
                    // deleted next anyway
                }
                out = null;
            }
            if (path != null) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // the next run into the same place deletes it
                }
                path = null;
            }
        }
    }

    /** Writes a spill file's primitives: variable-length integers and strings numbered at first use. */
    static final class Writer {
        final DataOutputStream out;
        private final Map<String, Integer> symbols = new HashMap<>(); // looked up only, never iterated
        /** The previous row's time: times are written as differences, which are small. */
        long lastTime;

        Writer(DataOutputStream out) {
            this.out = out;
        }

        void varLong(long v) throws IOException {
            while ((v & ~0x7FL) != 0) {
                out.writeByte((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.writeByte((int) v);
        }

        void zigzag(long v) throws IOException {
            varLong((v << 1) ^ (v >> 63));
        }

        void exactDouble(double d) throws IOException {
            out.writeLong(Double.doubleToRawLongBits(d));
        }

        /** A string that recurs (pool names, call kinds): its number, and its text the first time. */
        void symbol(String s) throws IOException {
            Integer id = symbols.get(s);
            if (id != null) {
                varLong(id);
                return;
            }
            int next = symbols.size();
            symbols.put(s, next);
            varLong(next);
            text(s);
        }

        void text(String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varLong(b.length);
            out.write(b);
        }

        void flush() throws IOException {
            out.flush();
        }
    }

    /** Reads what {@link Writer} wrote, in the same order. */
    static final class Reader {
        final DataInputStream in;
        private final List<String> symbols = new ArrayList<>();
        long lastTime;

        Reader(DataInputStream in) {
            this.in = in;
        }

        long varLong() throws IOException {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = in.readUnsignedByte();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new IOException("corrupt spill file: a number longer than 64 bits");
        }

        long zigzag() throws IOException {
            long v = varLong();
            return (v >>> 1) ^ -(v & 1);
        }

        double exactDouble() throws IOException {
            return Double.longBitsToDouble(in.readLong());
        }

        String symbol() throws IOException {
            long id = varLong();
            if (id == symbols.size()) {
                String s = text();
                symbols.add(s);
                return s;
            }
            if (id > symbols.size()) {
                throw new IOException("corrupt spill file: string number " + id + " before its text");
            }
            return symbols.get((int) id);
        }

        String text() throws IOException {
            long n = varLong();
            if (n > Integer.MAX_VALUE - 8) {
                throw new EOFException("corrupt spill file: a string of " + n + " bytes");
            }
            byte[] b = in.readNBytes((int) n);
            if (b.length != n) {
                throw new EOFException("spill file ends inside a string");
            }
            return new String(b, StandardCharsets.UTF_8);
        }
    }

    /** Timeline rows: times as deltas from the previous row (a sample interval, or 0 for the next pool). */
    private static final Codec<TimelineRow> TIMELINE = new Codec<>() {
        @Override
        public void write(Writer out, TimelineRow r) throws IOException {
            out.zigzag(r.timeNanos() - out.lastTime);
            out.lastTime = r.timeNanos();
            out.symbol(r.pool());
            out.zigzag(r.workers());
            out.zigzag(r.reserved());
            out.zigzag(r.inFlight());
            out.zigzag(r.queueDepth());
            out.exactDouble(r.utilization());
            out.zigzag(r.arrivals());
            out.zigzag(r.rejections());
        }

        @Override
        public TimelineRow read(Reader in) throws IOException {
            long time = in.lastTime + in.zigzag();
            in.lastTime = time;
            return new TimelineRow(time, in.symbol(), (int) in.zigzag(), (int) in.zigzag(), (int) in.zigzag(),
                    (int) in.zigzag(), in.exactDouble(), in.zigzag(), in.zigzag());
        }
    };

    /** A timeline's MSER-5 batches: {@code {sum of 5 queue depths, time of the batch's first sample}}. */
    static final Codec<long[]> BATCHES = new Codec<>() {
        @Override
        public void write(Writer out, long[] b) throws IOException {
            out.zigzag(b[0]);
            out.zigzag(b[1] - out.lastTime);
            out.lastTime = b[1];
        }

        @Override
        public long[] read(Reader in) throws IOException {
            long sum = in.zigzag();
            long time = in.lastTime + in.zigzag();
            in.lastTime = time;
            return new long[] {sum, time};
        }
    };

    private static final Codec<OrchestrationEvent> EVENTS = new Codec<>() {
        @Override
        public void write(Writer out, OrchestrationEvent e) throws IOException {
            out.zigzag(e.timeNanos() - out.lastTime);
            out.lastTime = e.timeNanos();
            out.symbol(e.pool());
            out.symbol(e.call());
            out.symbol(e.outcome());
            out.text(e.detail());
            if (e.autoscale().isPresent()) {
                OrchestrationEvent.Autoscale a = e.autoscale().get();
                out.varLong(1);
                out.zigzag(a.desired());
                out.zigzag(a.workers());
                out.zigzag(a.reserved());
                out.zigzag(a.arrivals());
                out.zigzag(a.calls());
            } else {
                out.varLong(0);
            }
        }

        @Override
        public OrchestrationEvent read(Reader in) throws IOException {
            long time = in.lastTime + in.zigzag();
            in.lastTime = time;
            String pool = in.symbol();
            String call = in.symbol();
            String outcome = in.symbol();
            String detail = in.text();
            Optional<OrchestrationEvent.Autoscale> a = Optional.empty();
            if (in.varLong() == 1) {
                a = Optional.of(new OrchestrationEvent.Autoscale((int) in.zigzag(), (int) in.zigzag(),
                        (int) in.zigzag(), in.zigzag(), (int) in.zigzag()));
            }
            return new OrchestrationEvent(time, pool, call, outcome, detail, a);
        }
    };
}
