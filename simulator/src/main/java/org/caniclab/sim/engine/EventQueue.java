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
 */
final class EventQueue {
    private static final int ARITY_SHIFT = 2; // 4 children per node
    private Event[] heap = new Event[64];
    /** The key of the event in each slot: its time and its sequence number. */
    private long[] times = new long[64];
    private long[] seqs = new long[64];
    private int size;
    private long nextSeq;
    /** The event being fired while it still occupies the root, or null. */
    private Event firing;

    int size() {
        return firing == null ? size : size - 1;
    }

    boolean isEmpty() {
        return size() == 0;
    }

    Event peek() {
        return size == 0 ? null : heap[0];
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
            siftDown(0, e, time, seq);
            return;
        }
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
            times = Arrays.copyOf(times, size * 2);
            seqs = Arrays.copyOf(seqs, size * 2);
        }
        siftUp(size++, e, time, seq);
    }

    Event poll() {
        if (size == 0) {
            return null;
        }
        Event top = heap[0];
        removeRoot();
        top.heapIndex = -1;
        return top;
    }

    /** Marks the root (the earliest event) as firing and returns it; the queue must not be empty. */
    Event beginFiring() {
        Event top = heap[0];
        top.heapIndex = -1;
        firing = top;
        return top;
    }

    /** Ends the firing begun last: removes the event from the root unless it scheduled itself again. */
    void endFiring() {
        if (firing != null) {
            firing = null;
            removeRoot();
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
