package org.mpjcluster.mpi;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongBinaryOperator;
import mpi.Datatype;
import mpi.MPI;
import mpi.Op;
import mpi.User_function;

/**
 * A reduction operation on a datatype, with each rank's contribution and a sequential definition
 * of the operation to check the collectives against. The values are small integers, so that
 * floating point sums and products are exact in any order.
 *
 * @param name       shown in results
 * @param op         the operation
 * @param type       the datatype
 * @param elements   the element type of the buffers
 * @param itemSize   elements per item of the datatype
 * @param data       each rank's contribution
 * @param sequential the operation, on whole arrays
 * @param prefixes   the combinations of the first ranks' contributions computed so far
 */
record OpCase(String name, Op op, Datatype type, ElementType elements, int itemSize, Contribution data,
              Sequential sequential, Map<List<Integer>, Object> prefixes) {

    OpCase(String name, Op op, Datatype type, ElementType elements, int itemSize, Contribution data,
           Sequential sequential) {
        this(name, op, type, elements, itemSize, data, sequential, new ConcurrentHashMap<>());
    }

    /** The elements {@code rank} contributes, for {@code items} items. */
    @FunctionalInterface
    interface Contribution {
        Object of(int rank, int items);
    }

    /** {@code lower op higher}, item by item, as a new array. */
    @FunctionalInterface
    interface Sequential {
        Object combine(Object lower, Object higher);
    }

    private static final long[] SMALL_VALUES = {-2, -1, 1, 2};
    private static final int LARGE_OBJECT_ITEMS = 100;

    /** Every predefined operation on every type it applies to, and three user-defined operations. */
    static final List<OpCase> ALL = all();
    /**
     * One predefined operation per type, MAXLOC and MINLOC on each pair type, and the user-defined
     * operations: the cases run with many items, which cost most to check.
     */
    static final List<OpCase> REPRESENTATIVE = ALL.stream().filter(c -> c.name.startsWith("SUM ")
        || c.name.startsWith("BOR BOOLEAN") || c.name.contains("LOC ") || c.elements == ElementType.OBJECT
        || c.name.startsWith("matrix") || c.name.startsWith("user")).toList();

    private static List<OpCase> all() {
        List<OpCase> cases = new ArrayList<>();
        List<ElementType> numbers = List.of(ElementType.BYTE, ElementType.CHAR, ElementType.SHORT, ElementType.INT,
            ElementType.LONG, ElementType.FLOAT, ElementType.DOUBLE);
        List<ElementType> logical = List.of(ElementType.BOOLEAN, ElementType.BYTE, ElementType.CHAR, ElementType.SHORT,
            ElementType.INT, ElementType.LONG);
        for (ElementType t : numbers) {
            cases.add(predefined("MAX", MPI.MAX, t, Math::max));
            cases.add(predefined("MIN", MPI.MIN, t, Math::min));
            cases.add(predefined("SUM", MPI.SUM, t, Long::sum));
            cases.add(predefined("PROD", MPI.PROD, t, (x, y) -> x * y));
        }
        for (ElementType t : logical) {
            cases.add(predefined("LAND", MPI.LAND, t, (x, y) -> x != 0 && y != 0 ? 1 : 0));
            cases.add(predefined("LOR", MPI.LOR, t, (x, y) -> x != 0 || y != 0 ? 1 : 0));
            cases.add(predefined("LXOR", MPI.LXOR, t, (x, y) -> (x != 0) != (y != 0) ? 1 : 0));
            cases.add(predefined("BAND", MPI.BAND, t, (x, y) -> x & y));
            cases.add(predefined("BOR", MPI.BOR, t, (x, y) -> x | y));
            cases.add(predefined("BXOR", MPI.BXOR, t, (x, y) -> x ^ y));
        }
        List<ElementType> pairs = List.of(ElementType.SHORT.as("SHORT2", MPI.SHORT2),
            ElementType.INT.as("INT2", MPI.INT2), ElementType.LONG.as("LONG2", MPI.LONG2),
            ElementType.FLOAT.as("FLOAT2", MPI.FLOAT2), ElementType.DOUBLE.as("DOUBLE2", MPI.DOUBLE2));
        for (ElementType t : pairs) {
            cases.add(location("MAXLOC", MPI.MAXLOC, t, 1));
            cases.add(location("MINLOC", MPI.MINLOC, t, -1));
        }
        cases.add(matrixProduct());
        cases.add(concatenation());
        cases.add(userSum());
        return cases;
    }

    /** Items whose message is above the eager limit. */
    int largeItems() {
        return elements == ElementType.OBJECT ? LARGE_OBJECT_ITEMS : elements.largeItems() / itemSize + 1;
    }

    /** {@code data} of {@code rank} for {@code items} items, at element {@code offset} of an array with sentinels around. */
    Object placed(int rank, int items, int offset, int tail) {
        Object array = elements.blank(offset + items * itemSize + tail);
        System.arraycopy(data.of(rank, items), 0, array, offset, items * itemSize);
        return array;
    }

    /**
     * The combination of the contributions of ranks {@code 0..ranks-1} in rank order, placed as
     * {@link #placed}. Computed once for all the ranks of a job that ask.
     */
    Object prefix(int ranks, int items, int offset, int tail) {
        Object array = elements.blank(offset + items * itemSize + tail);
        System.arraycopy(prefix(ranks, items), 0, array, offset, items * itemSize);
        return array;
    }

    private Object prefix(int ranks, int items) {
        List<Integer> key = List.of(ranks, items);
        Object known = prefixes.get(key);
        if (known != null) {
            return known;
        }
        Object computed = ranks == 1 ? data.of(0, items) : sequential.combine(prefix(ranks - 1, items), data.of(ranks - 1, items));
        prefixes.putIfAbsent(key, computed);
        return computed;
    }

    private static OpCase predefined(String opName, Op op, ElementType t, LongBinaryOperator f) {
        Contribution data = (rank, items) -> {
            Object array = t.newArray().apply(items);
            for (int i = 0; i < items; i++) {
                t.setNumber(array, i, SMALL_VALUES[(3 * rank + 7 * i) % SMALL_VALUES.length]);
            }
            return array;
        };
        Sequential sequential = (lower, higher) -> {
            int length = Array.getLength(lower);
            Object result = t.newArray().apply(length);
            for (int i = 0; i < length; i++) {
                t.setNumber(result, i, f.applyAsLong(ElementType.asLong(Array.get(lower, i)),
                    ElementType.asLong(Array.get(higher, i))));
            }
            return result;
        };
        return new OpCase(opName + " " + t, op, t.type(), t, 1, data, sequential);
    }

    /** MAXLOC ({@code sign} 1) or MINLOC (-1) on (value, index) pairs: values repeat across ranks, the index is the rank. */
    private static OpCase location(String opName, Op op, ElementType t, int sign) {
        Contribution data = (rank, items) -> {
            Object array = t.newArray().apply(2 * items);
            for (int i = 0; i < items; i++) {
                t.setNumber(array, 2 * i, (i + rank) % 3);
                t.setNumber(array, 2 * i + 1, rank);
            }
            return array;
        };
        Sequential sequential = (lower, higher) -> {
            int length = Array.getLength(lower);
            Object result = t.newArray().apply(length);
            for (int i = 0; i < length; i += 2) {
                long byValue = sign * Long.compare(ElementType.asLong(Array.get(lower, i)),
                    ElementType.asLong(Array.get(higher, i)));
                boolean lowerWins = byValue > 0 || byValue == 0
                    && ElementType.asLong(Array.get(lower, i + 1)) <= ElementType.asLong(Array.get(higher, i + 1));
                System.arraycopy(lowerWins ? lower : higher, i, result, i, 2);
            }
            return result;
        };
        return new OpCase(opName + " " + t, op, t.type(), t, 2, data, sequential);
    }

    /** 2x2 int matrices (items of 4 ints, row by row) multiplied: not commutative. */
    private static OpCase matrixProduct() {
        Datatype matrix = Datatype.Contiguous(4, MPI.INT);
        matrix.Commit();
        Op multiply = new Op(new User_function() {
            @Override
            public void Call(Object invec, int inoffset, Object inoutvec, int inoutoffset, int count, Datatype datatype) {
                for (int k = 0; k < count; k++) {
                    multiply((int[]) invec, inoffset + 4 * k, (int[]) inoutvec, inoutoffset + 4 * k,
                        (int[]) inoutvec, inoutoffset + 4 * k);
                }
            }
        }, false);
        Contribution data = (rank, items) -> {
            int[] array = new int[4 * items];
            for (int k = 0; k < items; k++) {
                array[4 * k] = 1 + (rank + k) % 2;
                array[4 * k + 1] = rank + k;
                array[4 * k + 2] = (rank * k) % 3;
                array[4 * k + 3] = 1;
            }
            return array;
        };
        Sequential sequential = (lower, higher) -> {
            int[] result = new int[((int[]) lower).length];
            for (int k = 0; k < result.length; k += 4) {
                multiply((int[]) lower, k, (int[]) higher, k, result, k);
            }
            return result;
        };
        return new OpCase("matrix product (not commutative)", multiply, matrix, ElementType.INT, 4, data, sequential);
    }

    private static void multiply(int[] a, int ai, int[] b, int bi, int[] out, int oi) {
        int m00 = a[ai] * b[bi] + a[ai + 1] * b[bi + 2];
        int m01 = a[ai] * b[bi + 1] + a[ai + 1] * b[bi + 3];
        int m10 = a[ai + 2] * b[bi] + a[ai + 3] * b[bi + 2];
        int m11 = a[ai + 2] * b[bi + 1] + a[ai + 3] * b[bi + 3];
        out[oi] = m00;
        out[oi + 1] = m01;
        out[oi + 2] = m10;
        out[oi + 3] = m11;
    }

    /** Strings joined with commas on MPI.OBJECT: not commutative. */
    private static OpCase concatenation() {
        Op join = new Op(new User_function() {
            @Override
            public void Call(Object invec, int inoffset, Object inoutvec, int inoutoffset, int count, Datatype datatype) {
                Object[] in = (Object[]) invec;
                Object[] inout = (Object[]) inoutvec;
                for (int k = 0; k < count; k++) {
                    inout[inoutoffset + k] = in[inoffset + k] + "," + inout[inoutoffset + k];
                }
            }
        }, false);
        Contribution data = (rank, items) -> {
            Object[] array = new Object[items];
            for (int k = 0; k < items; k++) {
                array[k] = rank + "." + k;
            }
            return array;
        };
        Sequential sequential = (lower, higher) -> {
            Object[] result = new Object[((Object[]) lower).length];
            for (int k = 0; k < result.length; k++) {
                result[k] = ((Object[]) lower)[k] + "," + ((Object[]) higher)[k];
            }
            return result;
        };
        return new OpCase("concatenation on OBJECT (not commutative)", join, MPI.OBJECT, ElementType.OBJECT, 1,
            data, sequential);
    }

    /** A user-defined sum of longs declared commutative, so that the algorithms for commutative operations run it. */
    private static OpCase userSum() {
        Op sum = new Op(new User_function() {
            @Override
            public void Call(Object invec, int inoffset, Object inoutvec, int inoutoffset, int count, Datatype datatype) {
                for (int k = 0; k < count; k++) {
                    ((long[]) inoutvec)[inoutoffset + k] += ((long[]) invec)[inoffset + k];
                }
            }
        }, true);
        OpCase plain = predefined("user SUM", sum, ElementType.LONG, Long::sum);
        return new OpCase("user-defined commutative sum on LONG", sum, MPI.LONG, ElementType.LONG, 1, plain.data(),
            plain.sequential());
    }

    @Override
    public String toString() {
        return name;
    }
}
