package org.caniclab.sim.load;

import java.util.Arrays;

/** A growable FIFO of primitive longs: what a queue of requests stores instead of request objects. */
final class LongRing {
    private long[] items = new long[16];
    private int head;
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void add(long v) {
        if (size == items.length) {
            long[] grown = new long[items.length * 2];
            int firstPart = items.length - head;
            System.arraycopy(items, head, grown, 0, firstPart);
            System.arraycopy(items, 0, grown, firstPart, head);
            items = grown;
            head = 0;
        }
        items[(head + size) & (items.length - 1)] = v;
        size++;
    }

    long poll() {
        if (size == 0) {
            throw new IllegalStateException("empty");
        }
        long v = items[head];
        head = (head + 1) & (items.length - 1);
        size--;
        return v;
    }

    @Override
    public String toString() {
        long[] copy = new long[size];
        for (int i = 0; i < size; i++) {
            copy[i] = items[(head + i) & (items.length - 1)];
        }
        return Arrays.toString(copy);
    }
}
