package org.mpjcluster.engine.data;

import java.util.Arrays;

/**
 * A datatype's type map flattened to blocks of one primitive kind: for each item, the blocks
 * {@code (displacement, length)} in elements of the base kind, relative to the item's start, and
 * the extent between consecutive items. Built once, when a datatype is created or committed.
 */
public final class TypeLayout {

    /** Receives the element ranges {@code [start, start + length)} a buffer covers, in order. */
    @FunctionalInterface
    public interface BlockVisitor {
        /** Visits one range of consecutive elements. */
        void visit(int start, int length);
    }

    private final PrimitiveKind kind;
    private final int[] displacements;
    private final int[] lengths;
    private final int size;
    private final int lowerBound;
    private final int extent;
    private final int minDisplacement;
    private final int maxEnd;

    private TypeLayout(PrimitiveKind kind, int[] displacements, int[] lengths, int lowerBound,
                       int extent) {
        this.kind = kind;
        this.displacements = displacements;
        this.lengths = lengths;
        this.size = Arrays.stream(lengths).sum();
        this.lowerBound = lowerBound;
        this.extent = extent;
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int i = 0; i < lengths.length; i++) {
            if (lengths[i] > 0) {
                min = Math.min(min, displacements[i]);
                max = Math.max(max, displacements[i] + lengths[i]);
            }
        }
        this.minDisplacement = lengths.length == 0 || min == Integer.MAX_VALUE ? 0 : min;
        this.maxEnd = max == Integer.MIN_VALUE ? 0 : max;
    }

    /** The layout of one element of {@code kind}. */
    public static TypeLayout basic(PrimitiveKind kind) {
        return new TypeLayout(kind, new int[] {0}, new int[] {1}, 0, 1);
    }

    /** {@code count} consecutive copies of {@code base}. */
    public static TypeLayout contiguous(int count, TypeLayout base) {
        return blocks(base, repeat(0, count, base.extent), filled(count, 1), 0, count * base.extent);
    }

    /**
     * A layout made of copies of {@code base}: {@code lengths[i]} copies starting at
     * {@code displacements[i]} (in units of elements of the base kind), with the given bounds.
     */
    public static TypeLayout blocks(TypeLayout base, int[] displacements, int[] lengths,
                                    int lowerBound, int extent) {
        int pieces = 0;
        for (int i = 0; i < lengths.length; i++) {
            pieces += lengths[i] * base.lengths.length;
        }
        int[] flatDisplacements = new int[pieces];
        int[] flatLengths = new int[pieces];
        int n = 0;
        for (int i = 0; i < lengths.length; i++) {
            for (int copy = 0; copy < lengths[i]; copy++) {
                int itemStart = displacements[i] + copy * base.extent;
                for (int b = 0; b < base.lengths.length; b++) {
                    flatDisplacements[n] = itemStart + base.displacements[b];
                    flatLengths[n] = base.lengths[b];
                    n++;
                }
            }
        }
        return merged(base.kind, flatDisplacements, flatLengths, lowerBound, extent);
    }

    private static TypeLayout merged(PrimitiveKind kind, int[] displacements, int[] lengths,
                                     int lowerBound, int extent) {
        int[] mergedDisplacements = new int[displacements.length];
        int[] mergedLengths = new int[lengths.length];
        int n = 0;
        for (int i = 0; i < displacements.length; i++) {
            if (lengths[i] == 0) {
                continue;
            }
            if (n > 0 && mergedDisplacements[n - 1] + mergedLengths[n - 1] == displacements[i]) {
                mergedLengths[n - 1] += lengths[i];
            } else {
                mergedDisplacements[n] = displacements[i];
                mergedLengths[n] = lengths[i];
                n++;
            }
        }
        return new TypeLayout(kind, Arrays.copyOf(mergedDisplacements, n),
            Arrays.copyOf(mergedLengths, n), lowerBound, extent);
    }

    private static int[] repeat(int start, int count, int stride) {
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = start + i * stride;
        }
        return values;
    }

    private static int[] filled(int count, int value) {
        int[] values = new int[count];
        Arrays.fill(values, value);
        return values;
    }

    /** The primitive kind every element of this layout has. */
    public PrimitiveKind kind() {
        return kind;
    }

    /** Number of base elements in one item. */
    public int size() {
        return size;
    }

    /** Distance between the starts of consecutive items, in base elements. */
    public int extent() {
        return extent;
    }

    /** Lower bound of one item, in base elements. */
    public int lowerBound() {
        return lowerBound;
    }

    /** Whether {@code count} items starting anywhere occupy one unbroken range. */
    public boolean isContiguous() {
        return lengths.length == 1 && displacements[0] == 0 && lengths[0] == extent;
    }

    /** Smallest element index {@code count} items starting at {@code offset} touch. */
    public long firstIndex(int offset, int count) {
        return count == 0 ? offset : offset + (long) Math.min(0, (count - 1L) * extent) + minDisplacement;
    }

    /** One past the largest element index {@code count} items starting at {@code offset} touch. */
    public long endIndex(int offset, int count) {
        return count == 0 ? offset : offset + Math.max(0, (count - 1L) * extent) + maxEnd;
    }

    /**
     * Visits the element ranges of {@code count} items starting at {@code offset}, in type map
     * order, stopping after {@code limit} elements.
     */
    public void forEachBlock(int offset, int count, int limit, BlockVisitor visitor) {
        if (isContiguous()) {
            int length = Math.min(limit, count * size);
            if (length > 0) {
                visitor.visit(offset, length);
            }
            return;
        }
        int remaining = limit;
        for (int item = 0; item < count && remaining > 0; item++) {
            int itemStart = offset + item * extent;
            for (int b = 0; b < lengths.length && remaining > 0; b++) {
                int length = Math.min(lengths[b], remaining);
                visitor.visit(itemStart + displacements[b], length);
                remaining -= length;
            }
        }
    }
}
