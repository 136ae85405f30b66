package org.caniclab.reports;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A run's timeline, recorded as it is sampled with memory bounded whatever the run's length: every row for
 * {@code timeline.csv} in a {@link SpooledRows} (memory up to a bound, the rest in a spill file), and, computed while
 * appending, what the rest of the report needs of it — a decimated copy per pool for the page's charts
 * ({@link #charts()}, at most {@value #CHART_POINTS} points each) and the MSER-5 warm-up cut per pool
 * ({@link #warmupCutNanos}).
 *
 * <pre>{@code
 * try (Timeline t = Timeline.recording(SpillFiles.temporary())) {
 *     t.append(new TimelineRow(1_000_000_000L, "api", 2, 0, 0, 3, 0.5, 60, 0));   // in (time, pool) order
 *     for (TimelineRow r : t) { ... }                                           // every row, in order
 *     Timeline.Chart c = t.charts().get("api");                                 // bounded, for the page
 * }
 * Timeline small = Timeline.of(rows);                                           // sorted, in memory
 * }</pre>
 *
 * <p><b>Decimation rule</b> (deterministic, documented on the page when it applies): a pool's samples are cut into
 * consecutive blocks of {@code k} samples from its first one, {@code k} the smallest power of two that leaves fewer
 * than {@value #CHART_POINTS} whole blocks; each block becomes one point at the time of its last sample, every figure
 * the largest the block held (so a peak, such as an overshoot or a queue's top, is never lost; the last block may be
 * partial). A pool with fewer than {@value #CHART_POINTS} samples is charted sample for sample ({@code k = 1}).
 */
public final class Timeline implements Iterable<TimelineRow>, AutoCloseable {
    /** The most points a pool's chart copy holds. */
    public static final int CHART_POINTS = 2048;
    private static final Comparator<TimelineRow> ORDER =
            Comparator.comparingLong(TimelineRow::timeNanos).thenComparing(TimelineRow::pool);

    /**
     * A pool's chart copy: {@code points} (each the maxima of {@code samplesPerPoint} consecutive samples, at the
     * last one's time) of {@code samples} samples.
     */
    public record Chart(int samplesPerPoint, long samples, List<TimelineRow> points) {
        public Chart {
            points = List.copyOf(points);
        }

        /** Whether the chart shows fewer points than there were samples. */
        public boolean decimated() {
            return samplesPerPoint > 1;
        }
    }

    private final SpooledRows<TimelineRow> rows;
    private final SpillFiles spill;
    private final TreeMap<String, PoolState> pools = new TreeMap<>();
    private TimelineRow last;
    private boolean closed;

    private Timeline(SpillFiles spill) {
        this.spill = spill;
        this.rows = SpooledRows.timelineRows(spill);
    }

    /** An empty timeline to append samples to, spilling past {@code spill}'s memory bound. */
    public static Timeline recording(SpillFiles spill) {
        return new Timeline(Objects.requireNonNull(spill, "spill"));
    }

    /** The rows sorted by time, then pool (stable), in memory. */
    public static Timeline of(List<TimelineRow> rows) {
        List<TimelineRow> sorted = new ArrayList<>(rows);
        sorted.sort(ORDER);
        Timeline t = new Timeline(SpillFiles.temporary().withMemoryRows(Integer.MAX_VALUE));
        sorted.forEach(t::append);
        return t;
    }

    /**
     * Appends a sample.
     *
     * @throws IllegalArgumentException if it comes before the previous one in (time, pool) order
     */
    public void append(TimelineRow row) {
        Objects.requireNonNull(row, "row");
        if (closed) {
            throw new IllegalStateException("timeline is closed");
        }
        if (last != null && ORDER.compare(row, last) < 0) {
            throw new IllegalArgumentException("timeline rows must come in (time, pool) order: " + row.pool() + "@"
                    + row.timeNanos() + " after " + last.pool() + "@" + last.timeNanos());
        }
        last = row;
        rows.append(row);
        pools.computeIfAbsent(row.pool(), p -> new PoolState(spill.keeping())).add(row);
    }

    /** Samples appended, over every pool. */
    public long size() {
        return rows.size();
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Whether the rows can be read back ({@link SpillFiles#discardingRows()} keeps none). */
    public boolean rowsKept() {
        return rows.rowsKept();
    }

    /** Every row in (time, pool) order; see {@link SpooledRows#iterator()}. */
    @Override
    public Iterator<TimelineRow> iterator() {
        return rows.iterator();
    }

    public Stream<TimelineRow> stream() {
        return rows.stream();
    }

    /** Every row in a list: for short runs and tests. */
    public List<TimelineRow> toList() {
        return rows.toList();
    }

    /** The pools that have samples, each with its chart copy, by name. */
    public SortedMap<String, Chart> charts() {
        TreeMap<String, Chart> out = new TreeMap<>();
        pools.forEach((pool, state) -> out.put(pool, state.chart()));
        return Collections.unmodifiableSortedMap(out);
    }

    /**
     * MSER-5 on the pool's queue depth ({@link Mser}): the time of the first sample it keeps, or empty when it
     * deletes none (or the pool has fewer than two batches, or no samples).
     */
    public OptionalLong warmupCutNanos(String pool) {
        PoolState state = pools.get(pool);
        return state == null ? OptionalLong.empty() : state.warmupCut();
    }

    /** The spill files in use now (the rows' and the warm-up batches'); empty when everything is in memory. */
    public List<Path> spillFiles() {
        List<Path> out = new ArrayList<>();
        rows.spillFile().ifPresent(out::add);
        pools.values().forEach(s -> s.batches.spillFile().ifPresent(out::add));
        return List.copyOf(out);
    }

    /** Equal to a timeline with equal rows in the same order (see {@link SpooledRows#equals}). */
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Timeline other && rows.equals(other.rows);
    }

    @Override
    public int hashCode() {
        return rows.hashCode();
    }

    @Override
    public String toString() {
        return "Timeline[" + rows + ", pools " + pools.keySet() + "]";
    }

    /** Deletes the spill files; the charts and the warm-up stay readable, the rows do not. Idempotent. */
    @Override
    public void close() {
        closed = true;
        rows.close();
        pools.values().forEach(s -> s.close(true));
    }

    /**
     * Deletes the spill files of a timeline abandoned before its run's end (a run stopped or failed): as
     * {@link #close()}, without first computing the warm-up that nobody will ask for.
     */
    public void discard() {
        closed = true;
        rows.close();
        pools.values().forEach(s -> s.close(false));
    }

    /** One pool's decimated chart copy and its MSER-5 batches, built as samples arrive. */
    private static final class PoolState {
        private final List<TimelineRow> points = new ArrayList<>();
        private int k = 1;
        private TimelineRow block;
        private int inBlock;
        private long samples;
        /** {@code {sum of 5 queue depths, time of the first}}: every whole batch, for MSER-5. */
        private final SpooledRows<long[]> batches;
        private long batchSum;
        private long batchStart;
        private OptionalLong cut;

        PoolState(SpillFiles spill) {
            batches = new SpooledRows<>(SpooledRows.BATCHES, spill);
        }

        void add(TimelineRow row) {
            block = block == null ? row : max(block, row);
            if (++inBlock == k) {
                points.add(block);
                block = null;
                inBlock = 0;
                if (points.size() == CHART_POINTS) {
                    // Pairs of aligned blocks of k become blocks of 2k: the rule stays "blocks of k from the first".
                    List<TimelineRow> merged = new ArrayList<>(CHART_POINTS / 2);
                    for (int i = 0; i < CHART_POINTS; i += 2) {
                        merged.add(max(points.get(i), points.get(i + 1)));
                    }
                    points.clear();
                    points.addAll(merged);
                    k *= 2;
                }
            }
            if (samples % Mser.BATCH == 0) {
                batchStart = row.timeNanos();
                batchSum = 0;
            }
            batchSum += row.queueDepth();
            samples++;
            if (samples % Mser.BATCH == 0) {
                batches.append(new long[] {batchSum, batchStart});
            }
            cut = null;
        }

        Chart chart() {
            List<TimelineRow> all = new ArrayList<>(points);
            if (block != null) {
                all.add(block);
            }
            return new Chart(k, samples, all);
        }

        synchronized OptionalLong warmupCut() {
            if (cut == null) {
                cut = Mser.cutTime(batches);
            }
            return cut;
        }

        void close(boolean keepWarmup) {
            if (keepWarmup && cut == null) {
                warmupCut(); // computed before its batches go, so the summary can still be made
            }
            batches.close();
        }

        /** The later sample's time, every figure the larger of the two. */
        private static TimelineRow max(TimelineRow a, TimelineRow b) {
            return new TimelineRow(b.timeNanos(), b.pool(), Math.max(a.workers(), b.workers()),
                    Math.max(a.reserved(), b.reserved()), Math.max(a.inFlight(), b.inFlight()),
                    Math.max(a.queueDepth(), b.queueDepth()), Math.max(a.utilization(), b.utilization()),
                    Math.max(a.arrivals(), b.arrivals()), Math.max(a.rejections(), b.rejections()));
        }
    }
}
