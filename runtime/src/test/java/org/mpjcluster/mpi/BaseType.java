package org.mpjcluster.mpi;

import java.lang.reflect.Array;
import java.util.Objects;
import java.util.function.IntFunction;
import mpi.Datatype;
import mpi.MPI;

/**
 * The base types derived datatypes are built on, each with its array type, distinct values for
 * seeds 0..{@value #DISTINCT_SEEDS}-1 and a sentinel no seed produces, so that a test can tell which
 * element went where and which elements were left alone. Booleans have only two values: every seed
 * gives {@code true} and the sentinel is {@code false}, which still shows every element touched.
 */
enum BaseType {
    BYTE(MPI.BYTE, byte[]::new, seed -> (byte) seed, (byte) -1),
    CHAR(MPI.CHAR, char[]::new, seed -> (char) ('A' + seed), '\uffff'),
    SHORT(MPI.SHORT, short[]::new, seed -> (short) seed, (short) -1),
    BOOLEAN(MPI.BOOLEAN, boolean[]::new, seed -> true, false),
    INT(MPI.INT, int[]::new, seed -> seed, -1),
    LONG(MPI.LONG, long[]::new, seed -> seed * 0x1_0000_0001L, -1L),
    FLOAT(MPI.FLOAT, float[]::new, seed -> seed + 0.25f, -1f),
    DOUBLE(MPI.DOUBLE, double[]::new, seed -> seed / 8.0, -1.0),
    OBJECT(MPI.OBJECT, Object[]::new, seed -> seed % 2 == 0 ? "o" + seed : Integer.valueOf(seed), "untouched");

    /** Seeds below this give distinct values for every type (bytes stay positive). */
    static final int DISTINCT_SEEDS = 120;

    private final Datatype type;
    private final IntFunction<Object> newArray;
    private final IntFunction<Object> value;
    private final Object sentinel;

    BaseType(Datatype type, IntFunction<Object> newArray, IntFunction<Object> value,
             Object sentinel) {
        this.type = type;
        this.newArray = newArray;
        this.value = value;
        this.sentinel = sentinel;
    }

    /** The predefined datatype. */
    Datatype type() {
        return type;
    }

    /** An array of {@code length} sentinels. */
    Object sentinels(int length) {
        Object array = newArray.apply(length);
        for (int i = 0; i < length; i++) {
            Array.set(array, i, sentinel);
        }
        return array;
    }

    /** An array whose element {@code i} is the value of seed {@code (first + i) % DISTINCT_SEEDS}. */
    Object values(int length, int first) {
        Object array = newArray.apply(length);
        for (int i = 0; i < length; i++) {
            Array.set(array, i, value(first + i));
        }
        return array;
    }

    /** The value of {@code seed}, reduced modulo {@link #DISTINCT_SEEDS}. */
    Object value(int seed) {
        return value.apply(Math.floorMod(seed, DISTINCT_SEEDS));
    }

    /** Where {@code actual} first differs from {@code expected}, or {@code "identical"}. */
    static String firstDifference(Object actual, Object expected) {
        if (Array.getLength(actual) != Array.getLength(expected)) {
            return "length " + Array.getLength(actual) + ", not " + Array.getLength(expected);
        }
        for (int i = 0; i < Array.getLength(expected); i++) {
            if (!Objects.equals(Array.get(actual, i), Array.get(expected, i))) {
                return "element " + i + " is " + Array.get(actual, i) + ", not " + Array.get(expected, i);
            }
        }
        return "identical";
    }
}
