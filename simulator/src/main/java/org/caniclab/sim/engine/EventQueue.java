package org.caniclab.sim.engine;

import java.util.Arrays;

/**
 * A 4-ary min-heap of {@link Event}s ordered by (time, sequence), with the keys in primitive arrays beside
 * the events: a replay holds only a handful of events (a load source, each busy worker, a few timers), and
 * there a sift is one or two levels of comparisons between neighbouring longs instead of dereferencing
 * two events per comparison (the binary heap's sifts were about a quarter of a continuous replay). Sequence numbers are handed out at
 * insertion, so events of equal time leave in the order they were scheduled (FIFO). Each event records
 * its heap slot, which makes removal O(log n) and double insertion detectable.
 *
 * <p>Firing in place ({@link #beginFiring}, {@link #endFiring}): the event being fired stays at the root,
 * marked as not scheduled, while it runs. Nothing scheduled meanwhile can sort before it (its time is now
 * and its sequence number is older than any new one), so the heap stays valid; if the event schedules
 * itself again, its new key is sifted down from the root at once, one pass instead of a removal and an
 * insertion; otherwise {@link #endFiring} removes it. Arrival processes and workers reschedule themselves
 * on nearly every firing. The order events leave in is the (time, sequence) order either way.
 *
 * <p>The lane: one event may be held beside the heap instead of in it, with its key in two fields, and the
 * earliest event is the smaller of the lane's key and the root's. The lane goes to an event that
 * reschedules itself while firing from the heap when the lane is free, and such an event keeps it for as
 * long as it goes on rescheduling itself on every firing: its firing and rescheduling then cost no sift at
 * all, only one comparison with the root when the next event is chosen. In a replay that event is the
 * busiest arrival process, which fires about once per request (half of a continuous replay's events), and
 * the heap then holds only the workers and timers. The order is still exactly (time, sequence): which of the
 * two places holds an event decides only how its key is compared, never which key wins.
 */
final class EventQueue {
    private static final int ARITY_SHIFT = 2; // 4 children per node
    /** {@link Event#heapIndex} of the event in the lane. */
    private static final int LANE = Integer.MAX_VALUE;
    private Event[] heap = new Event[64];
    /** The key of the event in each slot: its time and its sequence number. */
    private long[] times = new long[64];
    private long[] seqs = new long[64];
    private int size;
    private long nextSeq;
    /** The event held beside the heap, or null; its key. */
    private Event lane;
    private long laneTime;
    private long laneSeq;
    /** The event being fired while it still occupies the root or the lane, or null; and which of the two. */
    private Event firing;
    private boolean firingInLane;

    int size() {
        int n = lane == null ? size : size + 1;
        return firing == null ? n : n - 1;
    }

    /** The earliest event (the lane's or the root's), or null when there is none. */
    Event peek() {
        Event l = lane;
        if (size == 0) {
            return l;
        }
        if (l != null) {
            long t = times[0];
            if (laneTime < t || (laneTime == t && laneSeq < seqs[0])) {
                return l;
            }
        }
        return heap[0];
    }

    void add(Event e, long time) {
        if (e.heapIndex >= 0) {
            throw new IllegalStateException("event is already scheduled for t=" + e.time + "ns");
        }
        long seq = nextSeq++;
        e.time = time;
        e.seq = seq;
        if (e == firing) {
            firing = null;
            if (firingInLane) {
                laneTime = time;
                laneSeq = seq;
                e.heapIndex = LANE;
            } else if (lane == null) {
                // From the root to the lane: the root's slot is freed as if it had fired.
                removeRoot();
                toLane(e, time, seq);
            } else {
                siftDown(0, e, time, seq);
            }
            return;
        }
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
            times = Arrays.copyOf(times, size * 2);
            seqs = Arrays.copyOf(seqs, size * 2);
        }
        siftUp(size++, e, time, seq);
    }

    private void toLane(Event e, long time, long seq) {
        lane = e;
        laneTime = time;
        laneSeq = seq;
        e.heapIndex = LANE;
    }

    /**
     * Marks {@code next}, the event {@link #peek} returned, as firing; it keeps its place (root or lane)
     * until it reschedules itself or the firing ends.
     */
    void beginFiring(Event next) {
        next.heapIndex = -1;
        firing = next;
        firingInLane = next == lane;
    }

    /** Ends the firing begun last: removes the event from its place unless it scheduled itself again. */
    void endFiring() {
        if (firing != null) {
            firing = null;
            if (firingInLane) {
                lane = null;
            } else {
                removeRoot();
            }
        }
    }

    private void removeRoot() {
        int last = --size;
        Event e = heap[last];
        heap[last] = null;
        if (last > 0) {
            siftDown(0, e, times[last], seqs[last]);
        }
    }

    boolean remove(Event e) {
        int i = e.heapIndex;
        if (i == LANE && e == lane) {
            lane = null;
            e.heapIndex = -1;
            return true;
        }
        if (i < 0 || i >= size || heap[i] != e) {
            return false;
        }
        int last = --size;
        Event moved = heap[last];
        heap[last] = null;
        if (i < last) {
            long t = times[last];
            long q = seqs[last];
            siftDown(i, moved, t, q);
            if (heap[i] == moved) {
                siftUp(i, moved, t, q);
            }
        }
        e.heapIndex = -1;
        return true;
    }

    private void siftUp(int i, Event e, long time, long seq) {
        while (i > 0) {
            int parent = (i - 1) >>> ARITY_SHIFT;
            long pt = times[parent];
            if (pt < time || (pt == time && seqs[parent] < seq)) {
                break;
            }
            place(i, heap[parent], pt, seqs[parent]);
            i = parent;
        }
        place(i, e, time, seq);
    }

    private void siftDown(int i, Event e, long time, long seq) {
        int n = size;
        while (true) {
            int first = (i << ARITY_SHIFT) + 1;
            if (first >= n) {
                break;
            }
            // The smallest of up to four children.
            int best = first;
            long bt = times[first];
            long bq = seqs[first];
            int end = Math.min(first + 4, n);
            for (int c = first + 1; c < end; c++) {
                long ct = times[c];
                if (ct < bt || (ct == bt && seqs[c] < bq)) {
                    best = c;
                    bt = ct;
                    bq = seqs[c];
                }
            }
            if (time < bt || (time == bt && seq < bq)) {
                break;
            }
            place(i, heap[best], bt, bq);
            i = best;
        }
        place(i, e, time, seq);
    }

    private void place(int i, Event e, long time, long seq) {
        heap[i] = e;
        times[i] = time;
        seqs[i] = seq;
        e.heapIndex = i;
    }
}
