package org.mpjcluster.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.mpjcluster.device.BytePayload;

/** The packing kernel of every primitive kind, checked once for all kinds. */
class PrimitiveKindTest {

    private static final int LENGTH = 41;
    private static final int SOURCE_OFFSET = 5;
    private static final int COUNT = 31;
    private static final int TARGET_OFFSET = 7;
    private static final int LEAD = 3;
    private static final int TAIL = 2;

    @EveryPrimitiveKind
    void packsLittleEndianAtThePositionAndUnpacksBackThroughABytePayload(PrimitiveKind kind) {
        Object source = Samples.randomArray(kind, LENGTH, kind.ordinal());
        int bytes = COUNT * kind.byteSize();
        ByteBuffer packed = ByteBuffer.allocate(LEAD + bytes + TAIL).order(ByteOrder.LITTLE_ENDIAN);
        packed.position(LEAD);

        kind.pack(source, SOURCE_OFFSET, COUNT, packed);

        assertEquals(LEAD + bytes, packed.position(), "position after pack");
        byte[] expectedWire = new byte[LEAD + bytes + TAIL];
        System.arraycopy(Samples.wireBytes(kind, source, SOURCE_OFFSET, COUNT), 0, expectedWire, LEAD, bytes);
        assertArrayEquals(expectedWire, packed.array(), "wire form, with the bytes around it untouched");

        ByteBuffer wire = BytePayload.wrap(packed.array(), LEAD, bytes).bytes();
        Object target = Samples.randomArray(kind, LENGTH, 1000L + kind.ordinal());
        Object expected = Samples.copyOf(target);
        System.arraycopy(source, SOURCE_OFFSET, expected, TARGET_OFFSET, COUNT);

        kind.unpack(wire, target, TARGET_OFFSET, COUNT);

        assertEquals(bytes, wire.position(), "position after unpack");
        Samples.assertSameElements(kind, expected, target);
    }

    @EveryPrimitiveKind
    void packsAndUnpacksNothingForZeroElements(PrimitiveKind kind) {
        Object array = Samples.randomArray(kind, LENGTH, 7);
        Object before = Samples.copyOf(array);
        ByteBuffer empty = ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
        kind.pack(array, LENGTH, 0, empty);
        kind.unpack(empty, array, LENGTH, 0);
        assertEquals(0, empty.position());
        Samples.assertSameElements(kind, before, array);
    }

    @EveryPrimitiveKind
    void holdsOnlyArraysOfItsOwnType(PrimitiveKind kind) {
        for (PrimitiveKind other : PrimitiveKind.values()) {
            Object array = Array.newInstance(other.arrayType().getComponentType(), 1);
            assertEquals(other == kind, kind.holds(array), () -> kind + " holds " + array.getClass().getSimpleName());
        }
    }
}
