package org.mpjcluster.mpi;

import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import mpi.Datatype;
import mpi.MPI;

/**
 * A derived datatype built the same way on any base type, with its size, bounds and covered
 * elements worked out by hand, and the number of items a test sends. The covered elements and the
 * array geometry are computed from the hand-written values alone, never from the datatype.
 *
 * @param name    shown in the test name
 * @param build   makes the (uncommitted) datatype from a base type
 * @param size    base elements in one item
 * @param lb      lower bound
 * @param ub      upper bound
 * @param covered displacements of one item's elements, in type map order
 * @param items   how many items a message of this shape holds
 */
record Shape(String name, UnaryOperator<Datatype> build, int size, int lb, int ub, int[] covered, int items) {

    /** Rows and columns of the row-major matrices the matrix shapes are cut from. */
    static final int ROWS = 5;
    static final int COLUMNS = 4;
    /** Order of the square matrix the triangle is cut from. */
    static final int ORDER = 4;

    /** Every shape: each constructor, negative strides and displacements, markers, nesting, empty. */
    static List<Shape> all() {
        return List.of(
            new Shape("Contiguous(3)", b -> Datatype.Contiguous(3, b), 3, 0, 3, new int[] {0, 1, 2}, 4),
            new Shape("matrix column: Vector(5, 1, 4)", Shape::column,
                ROWS, 0, 17, new int[] {0, 4, 8, 12, 16}, 1),
            new Shape("columns resized to extent 1 by Struct with UB", b -> Datatype.Struct(new int[] {1, 1},
                new int[] {0, 1}, new Datatype[] {column(b), MPI.UB}), ROWS, 0, 1, new int[] {0, 4, 8, 12, 16}, 3),
            new Shape("Vector(3, 2, -3): negative stride", b -> Datatype.Vector(3, 2, -3, b),
                6, -6, 2, new int[] {0, 1, -3, -2, -6, -5}, 2),
            new Shape("Vector(3, 1, 2) of pairs: stride in items", b -> Datatype.Vector(3, 1, 2, Datatype.Contiguous(2, b)),
                6, 0, 10, new int[] {0, 1, 4, 5, 8, 9}, 2),
            new Shape("Hvector(3, 2, 5) of pairs: stride in elements", b -> Datatype.Hvector(3, 2, 5,
                Datatype.Contiguous(2, b)), 12, 0, 14, new int[] {0, 1, 2, 3, 5, 6, 7, 8, 10, 11, 12, 13}, 2),
            new Shape("lower triangle: Indexed", Shape::lowerTriangle,
                10, 0, 16, new int[] {0, 4, 5, 8, 9, 10, 12, 13, 14, 15}, 1),
            new Shape("Indexed of pairs, out of order, an empty block", b -> Datatype.Indexed(new int[] {1, 0, 2},
                new int[] {3, 0, 0}, Datatype.Contiguous(2, b)), 6, 0, 8, new int[] {6, 7, 0, 1, 2, 3}, 2),
            new Shape("Hindexed with a negative displacement", b -> Datatype.Hindexed(new int[] {2, 1},
                new int[] {-3, 4}, b), 3, -3, 5, new int[] {-3, -2, 4}, 3),
            new Shape("Struct with LB and UB", Shape::marked, 3, -1, 7, new int[] {2, 3, 4}, 3),
            new Shape("Struct of two types of one base", b -> Datatype.Struct(new int[] {2, 1}, new int[] {5, 0},
                new Datatype[] {b, Datatype.Contiguous(1, b)}), 3, 0, 7, new int[] {5, 6, 0}, 2),
            new Shape("nested: Contiguous(2) of Struct with LB and UB", b -> Datatype.Contiguous(2, marked(b)),
                6, -1, 15, new int[] {2, 3, 4, 10, 11, 12}, 2),
            new Shape("nested: Vector of Indexed of Contiguous", b -> Datatype.Vector(2, 1, 2,
                Datatype.Indexed(new int[] {1, 2}, new int[] {0, 2}, Datatype.Contiguous(2, b))),
                12, 0, 24, new int[] {0, 1, 4, 5, 6, 7, 16, 17, 20, 21, 22, 23}, 2),
            new Shape("empty: Contiguous(0)", b -> Datatype.Contiguous(0, b), 0, 0, 0, new int[0], 3));
    }

    /** One column of a {@link #ROWS} x {@link #COLUMNS} row-major matrix. */
    static Datatype column(Datatype base) {
        return Datatype.Vector(ROWS, 1, COLUMNS, base);
    }

    /** The lower triangle, diagonal included, of an {@link #ORDER} x {@link #ORDER} row-major matrix. */
    static Datatype lowerTriangle(Datatype base) {
        int[] lengths = IntStream.rangeClosed(1, ORDER).toArray();
        int[] displacements = IntStream.range(0, ORDER).map(row -> row * ORDER).toArray();
        return Datatype.Indexed(lengths, displacements, base);
    }

    /** Elements 2, 3 and 4 between an LB marker at -1 and a UB marker at 7. */
    static Datatype marked(Datatype base) {
        return Datatype.Struct(new int[] {1, 3, 1}, new int[] {-1, 2, 7}, new Datatype[] {MPI.LB, base, MPI.UB});
    }

    /** The committed datatype of this shape over {@code base}. */
    Datatype committed(Datatype base) {
        Datatype type = build.apply(base);
        type.Commit();
        return type;
    }

    int extent() {
        return ub - lb;
    }

    /** Base elements in a message of {@link #items} items. */
    int elements() {
        return items * size;
    }

    /** Indices relative to the origin of every element of the message, in type map order. */
    int[] relativeIndices() {
        return IntStream.range(0, items)
            .flatMap(item -> Arrays.stream(covered).map(d -> item * extent() + d)).toArray();
    }

    /** The buffer offset that puts the lowest touched element at index 1 (or the origin there). */
    int origin() {
        return 1 - Math.min(0, Arrays.stream(relativeIndices()).min().orElse(0));
    }

    /** An array length leaving one untouched element after the highest touched one. */
    int span() {
        return origin() + Arrays.stream(relativeIndices()).max().orElse(0) + 2;
    }

    /** Absolute indices of the message's elements in an array of {@link #span} at {@link #origin}. */
    int[] indices() {
        return Arrays.stream(relativeIndices()).map(i -> origin() + i).toArray();
    }

    @Override
    public String toString() {
        return name;
    }
}
