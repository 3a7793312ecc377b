package org.mpjcluster.engine.coll;

import org.mpjcluster.engine.data.TypeLayout;

/** Sizes the algorithms are chosen by, and the division of data into nearly equal parts. */
final class Sizes {

    private Sizes() {
    }

    /** Bytes of base elements in {@code count} items of {@code layout} (0 for objects). */
    static long bytes(TypeLayout layout, long count) {
        return count * layout.size() * layout.kind().byteSize();
    }

    /**
     * Where each of {@code parts} nearly equal parts of {@code total} starts: part {@code i} is
     * {@code [starts[i], starts[i + 1])}, and {@code starts[parts] == total}.
     */
    static int[] balanced(int total, int parts) {
        int[] starts = new int[parts + 1];
        for (int i = 0; i <= parts; i++) {
            starts[i] = i * (total / parts) + Math.min(i, total % parts);
        }
        return starts;
    }

    /** Where each part starts when part {@code i} has {@code counts[i]} items; see {@link #balanced}. */
    static int[] starts(int[] counts) {
        int[] starts = new int[counts.length + 1];
        for (int i = 0; i < counts.length; i++) {
            starts[i + 1] = starts[i] + counts[i];
        }
        return starts;
    }
}
