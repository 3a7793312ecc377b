package org.mpjcluster.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import mpi.MPIException;
import org.junit.jupiter.api.Test;
import org.mpjcluster.device.BytePayload;
import org.mpjcluster.device.Payload;
import org.mpjcluster.engine.ErrorClass;

/** {@code MPI.OBJECT} buffers: serialized through the layout, decoded through the receiver's loader. */
class ObjectCodecTest {

    private static final TypeLayout OBJECT = TypeLayout.basic(PrimitiveKind.OBJECT);
    /** Covers elements 0, 2 and 3 of an extent of 5. */
    private static final TypeLayout STRIDED = TypeLayout.blocks(OBJECT, new int[] {0, 2}, new int[] {1, 2}, 0, 5);
    private static final int ITEMS = 2;
    private static final int[] COVERED = {1, 3, 4, 6, 8, 9};
    private static final String UNTOUCHED = "untouched";

    record Point(int x, int y) implements Serializable {
    }

    private static Object[] sample() {
        return new Object[] {"skipped", "text", 42, null, new int[] {1, 2, 3}, List.of("a", "b"), new Point(3, 4)};
    }

    @Test
    void roundTripsObjectsIntoAStridedLayoutLeavingTheGapsAlone() {
        Object[] sent = sample();
        Payload payload = new MessageBuffer(sent, 1, COVERED.length, OBJECT).payload();
        Object[] received = untouched(11);
        Object[] expected = received.clone();
        for (int i = 0; i < COVERED.length; i++) {
            expected[COVERED[i]] = sent[1 + i];
        }
        new MessageBuffer(received, 1, ITEMS, STRIDED).unpack(payload, COVERED.length, loader());
        assertArrayEquals(expected, received);
    }

    @Test
    void serializesOnlyTheElementsAStridedLayoutCovers() {
        Object[] sent = untouched(11);
        sent[0] = new Object();
        for (int i = 0; i < COVERED.length; i++) {
            sent[COVERED[i]] = sample()[1 + i];
        }
        Payload payload = new MessageBuffer(sent, 1, ITEMS, STRIDED).payload();
        Object[] received = untouched(COVERED.length + 1);
        new MessageBuffer(received, 1, COVERED.length, OBJECT).unpack(payload, COVERED.length, loader());
        Object[] expected = untouched(COVERED.length + 1);
        System.arraycopy(sample(), 1, expected, 1, COVERED.length);
        assertArrayEquals(expected, received);
    }

    @Test
    void truncatesToTheReceiveCapacity() {
        Object[] sent = sample();
        Payload payload = new MessageBuffer(sent, 1, COVERED.length, OBJECT).payload();
        Object[] received = untouched(11);
        Object[] expected = received.clone();
        for (int i = 0; i < STRIDED.size(); i++) {
            expected[COVERED[i]] = sent[1 + i];
        }
        new MessageBuffer(received, 1, 1, STRIDED).unpack(payload, COVERED.length, loader());
        assertArrayEquals(expected, received);
    }

    @Test
    void fillsOnlyTheElementsAShortMessageHolds() {
        Object[] sent = sample();
        int shortCount = 4;
        Payload payload = new MessageBuffer(sent, 1, shortCount, OBJECT).payload();
        Object[] received = untouched(11);
        Object[] expected = received.clone();
        for (int i = 0; i < shortCount; i++) {
            expected[COVERED[i]] = sent[1 + i];
        }
        new MessageBuffer(received, 1, ITEMS, STRIDED).unpack(payload, shortCount, loader());
        assertArrayEquals(expected, received);
    }

    @Test
    void resolvesClassesThroughTheReceiversLoader() {
        List<String> asked = new ArrayList<>();
        ClassLoader receiver = new ClassLoader(loader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                asked.add(name);
                return super.loadClass(name, resolve);
            }
        };
        Object[] sent = {new Point(1, 2)};
        Object[] received = new Object[1];
        new MessageBuffer(received, 0, 1, OBJECT).unpack(new MessageBuffer(sent, 0, 1, OBJECT).payload(), 1, receiver);
        assertEquals(new Point(1, 2), received[0]);
        assertTrue(asked.contains(Point.class.getName()), () -> "classes asked for: " + asked);
    }

    @Test
    void rejectsAnElementThatIsNotSerializableWithATypeError() {
        Object[] sent = {"fine", new Object(), "also fine"};
        MPIException e = assertThrows(MPIException.class, () -> new MessageBuffer(sent, 0, 3, OBJECT).payload());
        assertEquals(ErrorClass.TYPE, e.getErrorClass());
        assertTrue(e.getMessage().contains("element 1") && e.getMessage().contains("java.lang.Object"), e.getMessage());
    }

    @Test
    void rejectsBytesThatAreNotAnObjectStreamWithATypeError() {
        byte[] garbage = {1, 2, 3, 4, 5, 6, 7, 8};
        Object[] received = new Object[1];
        MPIException e = assertThrows(MPIException.class, () -> new MessageBuffer(received, 0, 1, OBJECT)
            .unpack(BytePayload.wrap(garbage, 0, garbage.length), 1, loader()));
        assertEquals(ErrorClass.TYPE, e.getErrorClass());
    }

    private static Object[] untouched(int length) {
        Object[] array = new Object[length];
        Arrays.fill(array, UNTOUCHED);
        return array;
    }

    private static ClassLoader loader() {
        return ObjectCodecTest.class.getClassLoader();
    }
}
