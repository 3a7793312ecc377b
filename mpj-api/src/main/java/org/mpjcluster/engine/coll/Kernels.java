package org.mpjcluster.engine.coll;

import java.util.function.DoubleBinaryOperator;
import java.util.function.IntBinaryOperator;
import java.util.function.LongBinaryOperator;
import org.mpjcluster.engine.data.PrimitiveKind;

/**
 * The loops of the predefined operations: one per primitive kind, each applying an operation given
 * as a functional object. An operation is written once per arithmetic family ({@code int} for
 * {@code byte}, {@code char}, {@code short}, {@code int} and {@code boolean} as 0/1; {@code long};
 * {@code double} for {@code float} and {@code double}, which rounds exactly as {@code float}
 * arithmetic would since a {@code double} holds more than twice a {@code float}'s precision), and
 * the kind is chosen once per call, outside the loop.
 */
final class Kernels {

    /** Compares element {@code i} of array {@code x} with element {@code j} of array {@code y}. */
    @FunctionalInterface
    interface ElementOrder {
        int compare(Object x, int i, Object y, int j);
    }

    private Kernels() {
    }

    /** The loop for {@code kind} applying the operation of its family. */
    static Kernel elementwise(PrimitiveKind kind, IntBinaryOperator ints, LongBinaryOperator longs,
                              DoubleBinaryOperator doubles) {
        return switch (kind) {
            case BYTE -> bytes(ints);
            case CHAR -> chars(ints);
            case SHORT -> shorts(ints);
            case BOOLEAN -> booleans(ints);
            case INT -> ints(ints);
            case LONG -> longs(longs);
            case FLOAT -> floats(doubles);
            case DOUBLE -> doubles(doubles);
            case OBJECT -> throw new IllegalArgumentException("no predefined operation applies to objects");
        };
    }

    /**
     * MAXLOC ({@code greatest}) or MINLOC over (value, index) pairs of {@code kind}: keeps the pair
     * with the greater (smaller) value, and on equal values the one with the lower index.
     */
    static Kernel locations(PrimitiveKind kind, boolean greatest) {
        ElementOrder order = order(kind);
        int sign = greatest ? 1 : -1;
        return (a, ao, b, bo, out, oo, length) -> {
            for (int k = 0; k < length; k += 2) {
                int byValue = sign * order.compare(a, ao + k, b, bo + k);
                boolean first = byValue > 0 || byValue == 0 && order.compare(a, ao + k + 1, b, bo + k + 1) <= 0;
                Object from = first ? a : b;
                int at = first ? ao + k : bo + k;
                if (from != out || at != oo + k) {
                    System.arraycopy(from, at, out, oo + k, 2);
                }
            }
        };
    }

    private static ElementOrder order(PrimitiveKind kind) {
        return switch (kind) {
            case SHORT -> (x, i, y, j) -> Short.compare(((short[]) x)[i], ((short[]) y)[j]);
            case INT -> (x, i, y, j) -> Integer.compare(((int[]) x)[i], ((int[]) y)[j]);
            case LONG -> (x, i, y, j) -> Long.compare(((long[]) x)[i], ((long[]) y)[j]);
            case FLOAT -> (x, i, y, j) -> numeric(((float[]) x)[i], ((float[]) y)[j]);
            case DOUBLE -> (x, i, y, j) -> numeric(((double[]) x)[i], ((double[]) y)[j]);
            default -> throw new IllegalArgumentException("MAXLOC and MINLOC take pairs of short, int, long, float or double, not " + kind);
        };
    }

    /** Compares as {@code <} and {@code >} do: -0.0 equals 0.0, and NaN equals everything. */
    private static int numeric(double x, double y) {
        return x < y ? -1 : x > y ? 1 : 0;
    }

    private static Kernel bytes(IntBinaryOperator op) {
        return (a, ao, b, bo, out, oo, length) -> {
            byte[] x = (byte[]) a;
            byte[] y = (byte[]) b;
            byte[] z = (byte[]) out;
            for (int i = 0; i < length; i++) {
                z[oo + i] = (byte) op.applyAsInt(x[ao + i], y[bo + i]);
            }
        };
    }

    private static Kernel chars(IntBinaryOperator op) {
        return (a, ao, b, bo, out, oo, length) -> {
            char[] x = (char[]) a;
            char[] y = (char[]) b;
            char[] z = (char[]) out;
            for (int i = 0; i < length; i++) {
                z[oo + i] = (char) op.applyAsInt(x[ao + i], y[bo + i]);
            }
        };
    }

    private static Kernel shorts(IntBinaryOperator op) {
        return (a, ao, b, bo, out, oo, length) -> {
            short[] x = (short[]) a;
            short[] y = (short[]) b;
            short[] z = (short[]) out;
            for (int i = 0; i < length; i++) {
                z[oo + i] = (short) op.applyAsInt(x[ao + i], y[bo + i]);
            }
        };
    }

    private static Kernel booleans(IntBinaryOperator op) {
        return (a, ao, b, bo, out, oo, length) -> {
            boolean[] x = (boolean[]) a;
            boolean[] y = (boolean[]) b;
            boolean[] z = (boolean[]) out;
            for (int i = 0; i < length; i++) {
                z[oo + i] = op.applyAsInt(x[ao + i] ? 1 : 0, y[bo + i] ? 1 : 0) != 0;
            }
        };
    }

    private static Kernel ints(IntBinaryOperator op) {
        return (a, ao, b, bo, out, oo, length) -> {
            int[] x = (int[]) a;
            int[] y = (int[]) b;
            int[] z = (int[]) out;
            for (int i = 0; i < length; i++) {
                z[oo + i] = op.applyAsInt(x[ao + i], y[bo + i]);
            }
        };
    }

    private static Kernel longs(LongBinaryOperator op) {
        return (a, ao, b, bo, out, oo, length) -> {
            long[] x = (long[]) a;
            long[] y = (long[]) b;
            long[] z = (long[]) out;
            for (int i = 0; i < length; i++) {
                z[oo + i] = op.applyAsLong(x[ao + i], y[bo + i]);
            }
        };
    }

    private static Kernel floats(DoubleBinaryOperator op) {
        return (a, ao, b, bo, out, oo, length) -> {
            float[] x = (float[]) a;
            float[] y = (float[]) b;
            float[] z = (float[]) out;
            for (int i = 0; i < length; i++) {
                z[oo + i] = (float) op.applyAsDouble(x[ao + i], y[bo + i]);
            }
        };
    }

    private static Kernel doubles(DoubleBinaryOperator op) {
        return (a, ao, b, bo, out, oo, length) -> {
            double[] x = (double[]) a;
            double[] y = (double[]) b;
            double[] z = (double[]) out;
            for (int i = 0; i < length; i++) {
                z[oo + i] = op.applyAsDouble(x[ao + i], y[bo + i]);
            }
        };
    }
}
