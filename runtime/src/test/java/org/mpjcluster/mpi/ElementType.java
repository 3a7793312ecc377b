package org.mpjcluster.mpi;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.LongFunction;
import mpi.Datatype;
import mpi.MPI;
import org.mpjcluster.engine.EngineSettings;

/**
 * The predefined datatypes as the collective tests use them: how to make an array of the Java
 * element type, a value for each seed (distinct seeds give distinct values, as far as the type
 * allows), and for reductions a value from a {@code long} (integers and integral floating point
 * values; booleans from 0 and 1).
 *
 * @param name       shown in results
 * @param type       the datatype
 * @param newArray   makes an array of a given length
 * @param value      the value for a seed
 * @param fromLong   the value of a long, for reductions (null for objects)
 * @param largeItems a number of items whose message is above the eager limit
 */
record ElementType(String name, Datatype type, IntFunction<Object> newArray, IntFunction<Object> value,
                   LongFunction<Object> fromLong, int largeItems) {

    /** What {@link #compare} returns for equal arrays. */
    static final String AS_EXPECTED = "as expected";
    /** The seed of the values that fill array elements no call should write. */
    static final int SENTINEL_SEED = -7;
    private static final int ABOVE_EAGER_BYTES = EngineSettings.DEFAULTS.eagerLimitBytes() + 1;
    /** Objects are serialized one by one, so fewer of them keep the tests fast. */
    private static final int LARGE_OBJECT_ITEMS = 100;

    static final ElementType BYTE = primitive("BYTE", MPI.BYTE, byte[]::new, seed -> (byte) seed, v -> (byte) v, 1);
    static final ElementType CHAR = primitive("CHAR", MPI.CHAR, char[]::new, seed -> (char) ('A' + seed), v -> (char) v, 2);
    static final ElementType SHORT = primitive("SHORT", MPI.SHORT, short[]::new, seed -> (short) seed, v -> (short) v, 2);
    static final ElementType BOOLEAN = primitive("BOOLEAN", MPI.BOOLEAN, boolean[]::new, seed -> seed % 3 == 0,
        v -> v != 0, 1);
    static final ElementType INT = primitive("INT", MPI.INT, int[]::new, seed -> seed, v -> (int) v, 4);
    static final ElementType LONG = primitive("LONG", MPI.LONG, long[]::new, seed -> seed * 0x1_0000_0001L, v -> v, 8);
    static final ElementType FLOAT = primitive("FLOAT", MPI.FLOAT, float[]::new, seed -> seed + 0.25f, v -> (float) v, 4);
    static final ElementType DOUBLE = primitive("DOUBLE", MPI.DOUBLE, double[]::new, seed -> seed / 8.0, v -> (double) v, 8);
    static final ElementType OBJECT = new ElementType("OBJECT", MPI.OBJECT, Object[]::new,
        seed -> seed % 2 == 0 ? Integer.valueOf(seed) : "o" + seed, null, LARGE_OBJECT_ITEMS);

    /** Every basic datatype. */
    static final List<ElementType> ALL = List.of(BYTE, CHAR, SHORT, BOOLEAN, INT, LONG, FLOAT, DOUBLE, OBJECT);

    private static ElementType primitive(String name, Datatype type, IntFunction<Object> newArray,
                                         IntFunction<Object> value, LongFunction<Object> fromLong, int bytes) {
        return new ElementType(name, type, newArray, value, fromLong, ABOVE_EAGER_BYTES / bytes + 1);
    }

    /** The same elements seen through another datatype (a pair type, or a derived one). */
    ElementType as(String otherName, Datatype otherType) {
        return new ElementType(otherName, otherType, newArray, value, fromLong, largeItems);
    }

    /** An array of {@code length} elements, every one the sentinel. */
    Object blank(int length) {
        Object array = newArray.apply(length);
        if (length > 0) {
            Array.set(array, 0, value.apply(SENTINEL_SEED));
            for (int filled = 1; filled < length; filled *= 2) {
                System.arraycopy(array, 0, array, filled, Math.min(filled, length - filled));
            }
        }
        return array;
    }

    /** Sets element {@code index} of {@code array} to the value of {@code seed}. */
    void set(Object array, int index, int seed) {
        Array.set(array, index, value.apply(seed));
    }

    /** Sets element {@code index} of {@code array} to the value of {@code number}. */
    void setNumber(Object array, int index, long number) {
        Array.set(array, index, fromLong.apply(number));
    }

    /** An element as a long: numbers by value, chars by code, booleans as 1 and 0. */
    static long asLong(Object element) {
        if (element instanceof Boolean bit) {
            return bit ? 1 : 0;
        }
        if (element instanceof Character c) {
            return c;
        }
        return ((Number) element).longValue();
    }

    /** "as expected" if the arrays are equal, otherwise where they first differ. */
    static String compare(Object expected, Object actual) {
        if (Arrays.deepEquals(new Object[] {expected}, new Object[] {actual})) {
            return AS_EXPECTED;
        }
        int length = Array.getLength(expected);
        if (Array.getLength(actual) != length) {
            return "length " + Array.getLength(actual) + ", expected " + length;
        }
        for (int i = 0; i < length; i++) {
            if (!Array.get(expected, i).equals(Array.get(actual, i))) {
                return "element " + i + " of " + length + " is " + Array.get(actual, i) + ", expected "
                    + Array.get(expected, i);
            }
        }
        return AS_EXPECTED;
    }

    @Override
    public String toString() {
        return name;
    }
}
