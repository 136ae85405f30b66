package org.caniclab.sim.engine;

import java.util.Arrays;

/**
 * A binary min-heap of {@link Event}s ordered by (time, sequence). Sequence numbers are handed out at
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
    private Event[] heap = new Event[256];
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
        e.time = time;
        e.seq = nextSeq++;
        if (e == firing) {
            firing = null;
            siftDown(0, e);
            return;
        }
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        siftUp(size++, e);
    }

    Event poll() {
        if (size == 0) {
            return null;
        }
        Event top = heap[0];
        Event last = heap[--size];
        heap[size] = null;
        if (size > 0) {
            siftDown(0, last);
        }
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
            Event last = heap[--size];
            heap[size] = null;
            if (size > 0) {
                siftDown(0, last);
            }
        }
    }

    boolean remove(Event e) {
        int i = e.heapIndex;
        if (i < 0 || i >= size || heap[i] != e) {
            return false;
        }
        Event last = heap[--size];
        heap[size] = null;
        if (i < size) {
            siftDown(i, last);
            if (heap[i] == last) {
                siftUp(i, last);
            }
        }
        e.heapIndex = -1;
        return true;
    }

    private static boolean before(Event a, Event b) {
        return a.time < b.time || (a.time == b.time && a.seq < b.seq);
    }

    private void siftUp(int i, Event e) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Event p = heap[parent];
            if (!before(e, p)) {
                break;
            }
            heap[i] = p;
            p.heapIndex = i;
            i = parent;
        }
        heap[i] = e;
        e.heapIndex = i;
    }

    private void siftDown(int i, Event e) {
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            Event c = heap[child];
            int right = child + 1;
            if (right < size && before(heap[right], c)) {
                child = right;
                c = heap[child];
            }
            if (!before(c, e)) {
                break;
            }
            heap[i] = c;
            c.heapIndex = i;
            i = child;
        }
        heap[i] = e;
        e.heapIndex = i;
    }
}
