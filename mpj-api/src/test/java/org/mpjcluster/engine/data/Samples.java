package org.mpjcluster.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Arrays of any primitive kind for tests, and their wire form computed independently of
 * {@link PrimitiveKind}'s kernels. The one type switch of the tests lives here.
 */
final class Samples {

    private Samples() {
    }

    /** An array of {@code length} random elements of {@code kind}, the same for the same seed. */
    static Object randomArray(PrimitiveKind kind, int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Object array = Array.newInstance(kind.arrayType().getComponentType(), length);
        for (int i = 0; i < length; i++) {
            Array.set(array, i, randomElement(kind, random));
        }
        return array;
    }

    private static Object randomElement(PrimitiveKind kind, SplittableRandom random) {
        return switch (kind) {
            case BYTE -> (byte) random.nextInt();
            case CHAR -> (char) random.nextInt();
            case SHORT -> (short) random.nextInt();
            case BOOLEAN -> random.nextBoolean();
            case INT -> random.nextInt();
            case LONG -> random.nextLong();
            case FLOAT -> Float.intBitsToFloat(random.nextInt());
            case DOUBLE -> Double.longBitsToDouble(random.nextLong());
            case OBJECT -> throw new IllegalArgumentException("objects are serialized, not packed");
        };
    }

    /** The little-endian wire form of {@code count} elements of {@code array} from {@code offset}. */
    static byte[] wireBytes(PrimitiveKind kind, Object array, int offset, int count) {
        ByteBuffer out = ByteBuffer.allocate(count * kind.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = offset; i < offset + count; i++) {
            Object value = Array.get(array, i);
            switch (kind) {
                case BYTE -> out.put((Byte) value);
                case CHAR -> out.putChar((Character) value);
                case SHORT -> out.putShort((Short) value);
                case BOOLEAN -> out.put((byte) ((Boolean) value ? 1 : 0));
                case INT -> out.putInt((Integer) value);
                case LONG -> out.putLong((Long) value);
                case FLOAT -> out.putInt(Float.floatToRawIntBits((Float) value));
                case DOUBLE -> out.putLong(Double.doubleToRawLongBits((Double) value));
                case OBJECT -> throw new IllegalArgumentException("objects are serialized, not packed");
            }
        }
        return out.array();
    }

    /** A copy of {@code array} (any array type). */
    static Object copyOf(Object array) {
        int length = Array.getLength(array);
        Object copy = Array.newInstance(array.getClass().getComponentType(), length);
        System.arraycopy(array, 0, copy, 0, length);
        return copy;
    }

    /** Asserts two primitive arrays hold bit-for-bit the same elements, naming the first difference. */
    static void assertSameElements(PrimitiveKind kind, Object expected, Object actual) {
        assertEquals(Array.getLength(expected), Array.getLength(actual), "array length");
        int length = Array.getLength(expected);
        int at = Arrays.mismatch(wireBytes(kind, expected, 0, length), wireBytes(kind, actual, 0, length));
        if (at >= 0) {
            int index = at / kind.byteSize();
            fail("element " + index + " is " + Array.get(actual, index) + ", expected " + Array.get(expected, index));
        }
    }
}
