package org.caniclab.sim.load;

/**
 * A growable FIFO of requests as pairs of primitive longs, (arrival time, a value), side by side in one
 * array: what a queue of continuous service holds instead of request objects, with one capacity check and
 * one index update per request where two parallel rings needed two. The value is the request's pre-drawn
 * service time in the shared queue, and its departure time at a single server (whose queue holds the
 * request in service too).
 */
final class RequestQueue {
    /** Entry k of the ring: items[2k] its arrival, items[2k + 1] its value. */
    private long[] items = new long[32];
    private int head; // entry index
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void add(long arrival, long value) {
        long[] a = items;
        int entries = a.length >> 1;
        if (size == entries) {
            a = grow();
            entries = a.length >> 1;
        }
        int at = ((head + size) & (entries - 1)) << 1;
        a[at] = arrival;
        a[at + 1] = value;
        size++;
    }

    /** The arrival time of the oldest request; the queue must not be empty. */
    long headArrival() {
        return items[head << 1];
    }

    /** The value paired with the oldest request; the queue must not be empty. */
    long headValue() {
        return items[(head << 1) + 1];
    }

    /** Removes the oldest request. */
    void removeHead() {
        if (size == 0) {
            throw new IllegalStateException("empty");
        }
        head = (head + 1) & ((items.length >> 1) - 1);
        size--;
    }

    private long[] grow() {
        long[] grown = new long[items.length * 2];
        int firstPart = items.length - (head << 1);
        System.arraycopy(items, head << 1, grown, 0, firstPart);
        System.arraycopy(items, 0, grown, firstPart, head << 1);
        items = grown;
        head = 0;
        return grown;
    }
}
