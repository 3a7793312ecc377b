package org.mpjcluster.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import mpi.MPIException;
import org.junit.jupiter.api.Test;
import org.mpjcluster.engine.ErrorClass;

/**
 * Packing and unpacking at a position: the wire form of the covered elements for primitive kinds,
 * length-prefixed units for objects, several buffers one after another, and the errors.
 */
class PackingTest {

    /** Covers elements 0, 1, 3, 4 and 6 of an extent of 8. */
    private static final int[] COVERED = {0, 1, 3, 4, 6};
    private static final int EXTENT = 8;
    private static final int ITEMS = 3;
    private static final int ELEMENTS = ITEMS * COVERED.length;
    private static final int OFFSET = 2;
    private static final int POSITION = 5;
    private static final int SLACK = 4;
    private static final byte FILL = (byte) 0xA5;

    private static TypeLayout gapped(PrimitiveKind kind) {
        return TypeLayout.blocks(TypeLayout.basic(kind), new int[] {0, 3, 6}, new int[] {2, 2, 1}, 0, EXTENT);
    }

    private static MessageBuffer gappedBuffer(Object array, PrimitiveKind kind) {
        return new MessageBuffer(array, OFFSET, ITEMS, gapped(kind));
    }

    private static MessageBuffer denseBuffer(Object array, PrimitiveKind kind) {
        return new MessageBuffer(array, OFFSET, ELEMENTS, TypeLayout.basic(kind));
    }

    @EveryPrimitiveKind
    void packsTheCoveredElementsAtThePositionAsTheirWireFormAndNothingElse(PrimitiveKind kind) {
        Object array = Samples.randomArray(kind, OFFSET + ITEMS * EXTENT, 1);
        Object gathered = Samples.randomArray(kind, ELEMENTS, 2);
        for (int i = 0; i < ELEMENTS; i++) {
            System.arraycopy(array, coveredIndex(i), gathered, i, 1);
        }
        int bytes = ELEMENTS * kind.byteSize();
        byte[] out = filled(POSITION + bytes + SLACK);

        int end = Packing.pack(gappedBuffer(array, kind), out, POSITION);

        assertEquals(POSITION + bytes, end);
        byte[] expected = filled(out.length);
        System.arraycopy(Samples.wireBytes(kind, gathered, 0, ELEMENTS), 0, expected, POSITION, bytes);
        assertArrayEquals(expected, out);
        assertEquals(bytes, Packing.packedSize(gapped(kind), ITEMS));
    }

    @EveryPrimitiveKind
    void unpacksIntoADifferentLayoutOfTheSameSignatureTouchingOnlyItsElements(PrimitiveKind kind) {
        Object sent = Samples.randomArray(kind, OFFSET + ELEMENTS, 3);
        byte[] packed = new byte[POSITION + ELEMENTS * kind.byteSize()];
        int end = Packing.pack(denseBuffer(sent, kind), packed, POSITION);

        Object received = Samples.randomArray(kind, OFFSET + ITEMS * EXTENT + SLACK, 4);
        Object expected = Samples.copyOf(received);
        for (int i = 0; i < ELEMENTS; i++) {
            System.arraycopy(sent, OFFSET + i, expected, coveredIndex(i), 1);
        }
        assertEquals(end, Packing.unpack(packed, POSITION, gappedBuffer(received, kind), loader()));
        Samples.assertSameElements(kind, expected, received);

        Object back = Samples.randomArray(kind, OFFSET + ELEMENTS, 5);
        System.arraycopy(sent, 0, back, 0, OFFSET);
        byte[] repacked = new byte[packed.length];
        Packing.pack(gappedBuffer(received, kind), repacked, POSITION);
        Packing.unpack(repacked, POSITION, denseBuffer(back, kind), loader());
        Samples.assertSameElements(kind, sent, back);
    }

    @Test
    void packsBuffersOfDifferentKindsOneAfterAnotherAndUnpacksThemInOrder() {
        int[] ints = {7, -8, 9};
        double[] doubles = {0.5, -1e300};
        Object[] objects = {"text", 42L, "skipped", null, List.of(1, 2)};
        char[] chars = {'a', 'é'};
        byte[] out = new byte[512];
        int position = Packing.pack(new MessageBuffer(ints, 0, 3, TypeLayout.basic(PrimitiveKind.INT)), out, 0);
        position = Packing.pack(new MessageBuffer(objects, 0, 2, objectPairs()), out, position);
        position = Packing.pack(new MessageBuffer(doubles, 0, 2, TypeLayout.basic(PrimitiveKind.DOUBLE)), out, position);
        position = Packing.pack(new MessageBuffer(chars, 0, 1, TypeLayout.contiguous(2,
            TypeLayout.basic(PrimitiveKind.CHAR))), out, position);
        byte[] message = Arrays.copyOf(out, position);

        int[] ints2 = new int[3];
        Object[] objects2 = new Object[4];
        double[] doubles2 = new double[2];
        char[] chars2 = new char[2];
        int at = Packing.unpack(message, 0, new MessageBuffer(ints2, 0, 1, TypeLayout.contiguous(3,
            TypeLayout.basic(PrimitiveKind.INT))), loader());
        at = Packing.unpack(message, at, new MessageBuffer(objects2, 0, 4, TypeLayout.basic(PrimitiveKind.OBJECT)),
            loader());
        at = Packing.unpack(message, at, new MessageBuffer(doubles2, 0, 2, TypeLayout.basic(PrimitiveKind.DOUBLE)),
            loader());
        at = Packing.unpack(message, at, new MessageBuffer(chars2, 0, 2, TypeLayout.basic(PrimitiveKind.CHAR)),
            loader());

        assertEquals(message.length, at);
        assertArrayEquals(ints, ints2);
        assertArrayEquals(new Object[] {"text", 42L, null, List.of(1, 2)}, objects2);
        assertArrayEquals(doubles, doubles2);
        assertArrayEquals(chars, chars2);
    }

    @Test
    void unpacksTheObjectsOfSeveralPackCallsInOneButNeverSplitsOne() {
        TypeLayout object = TypeLayout.basic(PrimitiveKind.OBJECT);
        byte[] out = new byte[1024];
        int first = Packing.pack(new MessageBuffer(new Object[] {"a", "b"}, 0, 2, object), out, 0);
        int second = Packing.pack(new MessageBuffer(new Object[] {"c", "d", "e"}, 0, 3, object), out, first);

        Object[] all = new Object[9];
        Arrays.fill(all, "untouched");
        TypeLayout everyOther = TypeLayout.blocks(object, new int[] {0}, new int[] {1}, 0, 2);
        assertEquals(second, Packing.unpack(out, 0, new MessageBuffer(all, 0, 5, everyOther), loader()));
        assertArrayEquals(new Object[] {"a", "untouched", "b", "untouched", "c", "untouched", "d", "untouched", "e"},
            all);

        assertError(ErrorClass.TYPE, () -> Packing.unpack(out, 0, new MessageBuffer(new Object[1], 0, 1, object),
            loader()), "unit of 2", "only 1");
        assertError(ErrorClass.TYPE, () -> Packing.unpack(out, 0, new MessageBuffer(new Object[3], 0, 3, object),
            loader()), "unit of 3", "only 1");
        byte[] zeros = new byte[64];
        assertError(ErrorClass.TYPE, () -> Packing.unpack(zeros, 0, new MessageBuffer(new Object[1], 0, 1, object),
            loader()), "no packed objects");
    }

    @Test
    void packingNothingWritesNothingForEveryKind() {
        byte[] out = filled(4);
        for (PrimitiveKind kind : PrimitiveKind.values()) {
            MessageBuffer empty = new MessageBuffer(kind.newArray(3), 1, 0, TypeLayout.basic(kind));
            assertEquals(4, Packing.pack(empty, out, 4), kind.toString());
            assertEquals(2, Packing.unpack(out, 2, empty, loader()), kind.toString());
        }
        assertArrayEquals(filled(4), out);
    }

    @Test
    void aTooSmallOutbufIsAnErrorNamingTheSizesAndIsLeftUntouched() {
        int[] ints = new int[5];
        byte[] out = filled(20);
        MessageBuffer five = new MessageBuffer(ints, 0, 5, TypeLayout.basic(PrimitiveKind.INT));
        assertError(ErrorClass.BUFFER, () -> Packing.pack(five, out, 4), "20 bytes", "needs 20 bytes",
            "position 4");
        assertArrayEquals(filled(20), out);
        MessageBuffer objects = new MessageBuffer(new Object[] {"x".repeat(100)}, 0, 1, TypeLayout.basic(PrimitiveKind.OBJECT));
        assertError(ErrorClass.BUFFER, () -> Packing.pack(objects, out, 0), "outbuf has 20 bytes");
        assertArrayEquals(filled(20), out);
    }

    @Test
    void aShortInbufIsAnErrorNamingTheSizes() {
        MessageBuffer five = new MessageBuffer(new int[5], 0, 5, TypeLayout.basic(PrimitiveKind.INT));
        assertError(ErrorClass.BUFFER, () -> Packing.unpack(new byte[23], 4, five, loader()), "needs 20 bytes",
            "inbuf has only 23 bytes");
        MessageBuffer object = new MessageBuffer(new Object[1], 0, 1, TypeLayout.basic(PrimitiveKind.OBJECT));
        assertError(ErrorClass.BUFFER, () -> Packing.unpack(new byte[6], 0, object, loader()), "needs 8 bytes");
    }

    @Test
    void aPositionOutsideTheByteArrayOrANullArrayIsAnError() {
        MessageBuffer one = new MessageBuffer(new int[1], 0, 1, TypeLayout.basic(PrimitiveKind.INT));
        assertError(ErrorClass.ARG, () -> Packing.pack(one, new byte[8], -1), "position is -1", "0..8");
        assertError(ErrorClass.ARG, () -> Packing.pack(one, new byte[8], 9), "position is 9");
        assertError(ErrorClass.ARG, () -> Packing.unpack(new byte[8], 9, one, loader()), "position is 9");
        assertError(ErrorClass.BUFFER, () -> Packing.pack(one, null, 0), "outbuf is null");
        assertError(ErrorClass.BUFFER, () -> Packing.unpack(null, 0, one, loader()), "inbuf is null");
        assertEquals(-1, Packing.packedSize(TypeLayout.basic(PrimitiveKind.OBJECT), 1));
    }

    /** Two objects with a gap of one between items: elements 0 and 1 of an extent of 3. */
    private static TypeLayout objectPairs() {
        return TypeLayout.blocks(TypeLayout.basic(PrimitiveKind.OBJECT), new int[] {0}, new int[] {2}, 0, 3);
    }

    private static void assertError(int errorClass, Runnable call, String... words) {
        MPIException e = assertThrows(MPIException.class, call::run);
        assertEquals(ErrorClass.name(errorClass), ErrorClass.name(e.getErrorClass()), e.getMessage());
        for (String word : words) {
            assertTrue(e.getMessage().contains(word), "\"" + word + "\" in: " + e.getMessage());
        }
    }

    /** Index in the array of the {@code i}-th element the gapped buffer covers. */
    private static int coveredIndex(int i) {
        return OFFSET + i / COVERED.length * EXTENT + COVERED[i % COVERED.length];
    }

    private static byte[] filled(int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, FILL);
        return bytes;
    }

    private static ClassLoader loader() {
        return PackingTest.class.getClassLoader();
    }
}
