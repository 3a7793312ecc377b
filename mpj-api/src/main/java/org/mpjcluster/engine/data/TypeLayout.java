package org.mpjcluster.engine.data;

import java.util.Arrays;

/**
 * A datatype's type map flattened to blocks of one primitive kind: for each item, the blocks
 * {@code (displacement, length)} in elements of the base kind, relative to the item's origin (the
 * buffer offset for the first item), in type map order, and the bounds that place consecutive
 * items {@link #extent()} elements apart. Built once, when a datatype is created; sending and
 * receiving only walk the blocks.
 *
 * <p>Bounds follow MPI-1: a layout may carry explicit lower and upper bound markers
 * ({@code MPI.LB}, {@code MPI.UB}), which stick to every layout built from it. The lower bound is
 * the smallest lower bound marker if there is one, otherwise the smallest displacement of an
 * element; the upper bound is the largest upper bound marker if there is one, otherwise one past
 * the largest element. A layout with no elements and no marker has bounds 0; one with no elements
 * and one kind of marker has both bounds at that marker. The extent is upper minus lower bound.
 *
 * <p>Units are base elements throughout, as in mpiJava: there are no bytes and no alignment.
 */
public final class TypeLayout {

    /** Receives the element ranges {@code [start, start + length)} a buffer covers, in order. */
    @FunctionalInterface
    public interface BlockVisitor {
        /** Visits one range of consecutive elements. */
        void visit(int start, int length);
    }

    private static final int[] NONE = new int[0];

    private final PrimitiveKind kind;
    private final int[] displacements;
    private final int[] lengths;
    private final int size;
    private final int lowerBound;
    private final int upperBound;
    private final int extent;
    private final boolean explicitLowerBound;
    private final boolean explicitUpperBound;
    private final int minDisplacement;
    private final int maxEnd;

    private TypeLayout(PrimitiveKind kind, int[] displacements, int[] lengths, int size, Bounds bounds) {
        this.kind = kind;
        this.displacements = displacements;
        this.lengths = lengths;
        this.size = size;
        this.lowerBound = bounds.lowerBound();
        this.upperBound = bounds.upperBound();
        this.extent = toInt((long) upperBound - lowerBound, "extent");
        this.explicitLowerBound = bounds.explicitLower;
        this.explicitUpperBound = bounds.explicitUpper;
        this.minDisplacement = bounds.hasElements ? bounds.minElement : 0;
        this.maxEnd = bounds.hasElements ? bounds.maxElementEnd : 0;
    }

    private TypeLayout(TypeLayout layout, PrimitiveKind kind) {
        this.kind = kind;
        this.displacements = layout.displacements;
        this.lengths = layout.lengths;
        this.size = layout.size;
        this.lowerBound = layout.lowerBound;
        this.upperBound = layout.upperBound;
        this.extent = layout.extent;
        this.explicitLowerBound = layout.explicitLowerBound;
        this.explicitUpperBound = layout.explicitUpperBound;
        this.minDisplacement = layout.minDisplacement;
        this.maxEnd = layout.maxEnd;
    }

    /** The layout of one element of {@code kind}. */
    public static TypeLayout basic(PrimitiveKind kind) {
        Bounds bounds = new Bounds();
        bounds.addElements(0, 1);
        return new TypeLayout(kind, new int[] {0}, new int[] {1}, 1, bounds);
    }

    /** The lower bound marker ({@code MPI.LB}): no elements, an explicit lower bound at 0. */
    public static TypeLayout lowerBoundMarker() {
        Bounds bounds = new Bounds();
        bounds.addLowerMarker(0);
        return new TypeLayout(null, NONE, NONE, 0, bounds);
    }

    /** The upper bound marker ({@code MPI.UB}): no elements, an explicit upper bound at 0. */
    public static TypeLayout upperBoundMarker() {
        Bounds bounds = new Bounds();
        bounds.addUpperMarker(0);
        return new TypeLayout(null, NONE, NONE, 0, bounds);
    }

    /** {@code count} consecutive copies of {@code base}, each {@code base.extent()} after the last. */
    public static TypeLayout contiguous(int count, TypeLayout base) {
        return struct(new TypeLayout[] {base}, new int[] {0}, new int[] {count});
    }

    /**
     * Copies of {@code base}: {@code lengths[i]} consecutive copies starting at
     * {@code displacements[i]} (in base elements), with bounds computed from the type map.
     */
    public static TypeLayout blocks(TypeLayout base, int[] displacements, int[] lengths) {
        TypeLayout[] types = new TypeLayout[lengths.length];
        Arrays.fill(types, base);
        // The kind comes from the base even when there are no blocks to carry it.
        return build(base.kind, types, displacements, lengths);
    }

    /**
     * Like {@link #blocks(TypeLayout, int[], int[])} but with the given bounds, which act as
     * explicit markers (as if {@code MPI.LB} and {@code MPI.UB} were placed there).
     */
    public static TypeLayout blocks(TypeLayout base, int[] displacements, int[] lengths,
                                    int lowerBound, int extent) {
        TypeLayout data = blocks(base, displacements, lengths);
        Bounds bounds = new Bounds();
        if (data.size > 0) {
            bounds.addElements(data.minDisplacement, data.maxEnd);
        }
        bounds.addLowerMarker(lowerBound);
        bounds.addUpperMarker(Math.addExact(lowerBound, extent));
        return new TypeLayout(data.kind, data.displacements, data.lengths, data.size, bounds);
    }

    /**
     * The general constructor: {@code lengths[i]} consecutive copies of {@code types[i]} starting
     * at {@code displacements[i]} base elements from the origin, in that order. Every type that has
     * a kind must have the same kind (markers have none); the result has that kind, or none if no
     * type has one.
     *
     * @throws IllegalArgumentException if the kinds differ, a length is negative, or the result
     *                                  has more elements or reaches further than an {@code int} counts
     */
    public static TypeLayout struct(TypeLayout[] types, int[] displacements, int[] lengths) {
        return build(commonKind(types), types, displacements, lengths);
    }

    private static TypeLayout build(PrimitiveKind kind, TypeLayout[] types, int[] displacements, int[] lengths) {
        if (types.length != displacements.length || types.length != lengths.length) {
            throw new IllegalArgumentException("types, displacements and lengths differ in length");
        }
        Builder blocks = new Builder();
        Bounds bounds = new Bounds();
        long size = 0;
        for (int i = 0; i < types.length; i++) {
            if (lengths[i] < 0) {
                throw new IllegalArgumentException("block length " + lengths[i] + " is negative");
            }
            if (lengths[i] == 0) {
                continue;
            }
            TypeLayout type = types[i];
            size += (long) lengths[i] * type.size;
            type.addCopies(displacements[i], lengths[i], blocks);
            long last = displacements[i] + (lengths[i] - 1L) * type.extent;
            long low = Math.min(displacements[i], last);
            long high = Math.max(displacements[i], last);
            bounds.addCopiesOf(type, low, high);
        }
        return new TypeLayout(kind, blocks.displacements(), blocks.lengths(), toInt(size, "size"), bounds);
    }

    private static PrimitiveKind commonKind(TypeLayout[] types) {
        PrimitiveKind kind = null;
        for (TypeLayout type : types) {
            if (type.kind != null && kind != null && type.kind != kind) {
                throw new IllegalArgumentException("elements of kinds " + kind + " and " + type.kind
                    + " cannot be mixed in one type");
            }
            kind = type.kind != null ? type.kind : kind;
        }
        return kind;
    }

    /** Appends the blocks of {@code copies} consecutive items of this layout starting at {@code start}. */
    private void addCopies(int start, int copies, Builder out) {
        if (lengths.length == 1 && lengths[0] == extent) {
            // Copies of a dense item touch each other: one block, however many copies.
            out.add(start + (long) displacements[0], (long) copies * lengths[0]);
            return;
        }
        for (int copy = 0; copy < copies; copy++) {
            long itemStart = start + (long) copy * extent;
            for (int b = 0; b < lengths.length; b++) {
                out.add(itemStart + displacements[b], lengths[b]);
            }
        }
    }

    private static int toInt(long value, String what) {
        if (value != (int) value) {
            throw new IllegalArgumentException("the type's " + what + " (" + value
                + " elements) does not fit in an int");
        }
        return (int) value;
    }

    /**
     * The primitive kind every element of this layout has; {@code null} if it has none, as for
     * bound markers alone or a struct of no blocks.
     */
    public PrimitiveKind kind() {
        return kind;
    }

    /**
     * This layout over a buffer of {@code bufferKind}: a layout with no kind of its own (no
     * elements, only markers or nothing) takes the buffer's, since it moves none of its elements;
     * any other layout is returned as it is.
     */
    public TypeLayout over(PrimitiveKind bufferKind) {
        return kind != null ? this : new TypeLayout(this, bufferKind);
    }

    /** Number of base elements in one item. */
    public int size() {
        return size;
    }

    /** Distance between the starts of consecutive items, in base elements. */
    public int extent() {
        return extent;
    }

    /** Lower bound of one item, in base elements from its origin. */
    public int lowerBound() {
        return lowerBound;
    }

    /** Upper bound of one item, in base elements from its origin. */
    public int upperBound() {
        return upperBound;
    }

    /** Whether the lower bound comes from an {@code MPI.LB} marker rather than from the elements. */
    public boolean hasExplicitLowerBound() {
        return explicitLowerBound;
    }

    /** Whether the upper bound comes from an {@code MPI.UB} marker rather than from the elements. */
    public boolean hasExplicitUpperBound() {
        return explicitUpperBound;
    }

    /** Number of blocks of consecutive elements in one item, after merging touching blocks. */
    public int blockCount() {
        return lengths.length;
    }

    /** Whether {@code count} items starting anywhere occupy one unbroken range from the offset. */
    public boolean isContiguous() {
        return lengths.length == 1 && displacements[0] == 0 && lengths[0] == extent;
    }

    /** Smallest element index {@code count} items starting at {@code offset} touch. */
    public long firstIndex(int offset, int count) {
        return count == 0 || size == 0 ? offset
            : offset + Math.min(0, (count - 1L) * extent) + minDisplacement;
    }

    /** One past the largest element index {@code count} items starting at {@code offset} touch. */
    public long endIndex(int offset, int count) {
        return count == 0 || size == 0 ? offset
            : offset + Math.max(0, (count - 1L) * extent) + maxEnd;
    }

    /**
     * Visits the element ranges of {@code count} items starting at {@code offset}, in type map
     * order, stopping after {@code limit} elements.
     */
    public void forEachBlock(int offset, int count, int limit, BlockVisitor visitor) {
        forEachBlock(offset, count, 0, limit, visitor);
    }

    /**
     * Visits the element ranges of {@code count} items starting at {@code offset}, in type map
     * order, from the {@code skip}-th element on (counted across items), stopping after
     * {@code limit} elements. For resuming a buffer part way through.
     */
    public void forEachBlock(int offset, int count, int skip, int limit, BlockVisitor visitor) {
        long total = (long) count * size;
        if (skip >= total || limit <= 0) {
            return;
        }
        if (isContiguous()) {
            visitor.visit(offset + skip, (int) Math.min(limit, total - skip));
            return;
        }
        int remaining = limit;
        int item = skip / size;
        int toSkip = skip % size;
        for (; item < count && remaining > 0; item++) {
            int itemStart = offset + item * extent;
            for (int b = 0; b < lengths.length && remaining > 0; b++) {
                if (toSkip >= lengths[b]) {
                    toSkip -= lengths[b];
                    continue;
                }
                int length = Math.min(lengths[b] - toSkip, remaining);
                visitor.visit(itemStart + displacements[b] + toSkip, length);
                remaining -= length;
                toSkip = 0;
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append(kind).append(" blocks");
        for (int b = 0; b < Math.min(lengths.length, 8); b++) {
            text.append(" (").append(displacements[b]).append(", ").append(lengths[b]).append(')');
        }
        return text.append(lengths.length > 8 ? " ..." : "").append(", bounds [").append(lowerBound)
            .append(", ").append(upperBound).append(')').toString();
    }

    /** Collects blocks in type map order, merging each with the previous one when they touch. */
    private static final class Builder {
        private int[] displacements = new int[4];
        private int[] lengths = new int[4];
        private int count;

        void add(long displacement, long length) {
            if (length == 0) {
                return;
            }
            int start = toInt(displacement, "displacement");
            if (count > 0 && (long) displacements[count - 1] + lengths[count - 1] == displacement) {
                lengths[count - 1] = toInt(lengths[count - 1] + length, "block length");
                return;
            }
            if (count == displacements.length) {
                int grown = toInt(2L * count, "block count");
                displacements = Arrays.copyOf(displacements, grown);
                lengths = Arrays.copyOf(lengths, grown);
            }
            displacements[count] = start;
            lengths[count] = toInt(length, "block length");
            count++;
        }

        int[] displacements() {
            return Arrays.copyOf(displacements, count);
        }

        int[] lengths() {
            return Arrays.copyOf(lengths, count);
        }
    }

    /** The bounds of a type map as it is built: markers seen, and the span of its elements. */
    private static final class Bounds {
        private boolean explicitLower;
        private boolean explicitUpper;
        private boolean hasElements;
        private long lowerMarker = Long.MAX_VALUE;
        private long upperMarker = Long.MIN_VALUE;
        private int minElement;
        private int maxElementEnd;

        void addElements(long min, long end) {
            minElement = toInt(hasElements ? Math.min(minElement, min) : min, "lower bound");
            maxElementEnd = toInt(hasElements ? Math.max(maxElementEnd, end) : end, "upper bound");
            hasElements = true;
        }

        void addLowerMarker(long at) {
            lowerMarker = Math.min(lowerMarker, at);
            explicitLower = true;
        }

        void addUpperMarker(long at) {
            upperMarker = Math.max(upperMarker, at);
            explicitUpper = true;
        }

        /** Adds copies of {@code type} whose origins lie between {@code low} and {@code high}. */
        void addCopiesOf(TypeLayout type, long low, long high) {
            if (type.size > 0) {
                addElements(low + type.minDisplacement, high + type.maxEnd);
            }
            if (type.explicitLowerBound) {
                addLowerMarker(low + type.lowerBound);
            }
            if (type.explicitUpperBound) {
                addUpperMarker(high + type.upperBound);
            }
        }

        int lowerBound() {
            if (explicitLower) {
                return toInt(lowerMarker, "lower bound");
            }
            if (hasElements) {
                return minElement;
            }
            return explicitUpper ? toInt(upperMarker, "upper bound") : 0;
        }

        int upperBound() {
            if (explicitUpper) {
                return toInt(upperMarker, "upper bound");
            }
            if (hasElements) {
                return maxElementEnd;
            }
            return explicitLower ? toInt(lowerMarker, "lower bound") : 0;
        }
    }
}
