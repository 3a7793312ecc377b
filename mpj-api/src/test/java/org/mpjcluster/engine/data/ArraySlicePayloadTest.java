package org.mpjcluster.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.function.IntFunction;

/** An unpacked array slice, read by a byte device at any offset and into any buffer. */
class ArraySlicePayloadTest {

    private static final int OFFSET = 2;
    private static final int COUNT = 7;
    private static final int GUARD = 1;

    private record Target(String name, IntFunction<ByteBuffer> allocate) {
    }

    private static final List<Target> TARGETS = List.of(
        new Target("heap big-endian", ByteBuffer::allocate),
        new Target("heap little-endian", n -> ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN)),
        new Target("direct little-endian", n -> ByteBuffer.allocateDirect(n).order(ByteOrder.LITTLE_ENDIAN)));

    /** The slice ends where the array ends, so reading past the slice fails. */
    @EveryPrimitiveKind
    void copiesEveryByteRangeAsPackingTheWholeSliceWould(PrimitiveKind kind) {
        Object array = Samples.randomArray(kind, OFFSET + COUNT, kind.ordinal());
        ArraySlicePayload payload = new ArraySlicePayload(kind, array, OFFSET, COUNT);
        byte[] whole = Samples.wireBytes(kind, array, OFFSET, COUNT);
        assertEquals(whole.length, payload.byteSize());
        for (Target target : TARGETS) {
            for (int from = 0; from <= whole.length; from++) {
                for (int to = from; to <= whole.length; to++) {
                    assertCopy(payload, whole, from, to, target);
                }
            }
        }
    }

    /** Copies bytes [from, to) into a buffer with guard bytes around the range and checks all of it. */
    private static void assertCopy(ArraySlicePayload payload, byte[] whole, int from, int to, Target target) {
        int length = to - from;
        ByteBuffer dst = target.allocate().apply(GUARD + length + GUARD);
        payload.copyTo(from, dst, GUARD, length);
        assertEquals(0, dst.position(), () -> target.name() + " position after bytes " + from + ".." + to);
        assertEquals(dst.capacity(), dst.limit(), () -> target.name() + " limit after bytes " + from + ".." + to);
        byte[] written = new byte[GUARD + length + GUARD];
        dst.get(0, written);
        byte[] expected = new byte[written.length];
        System.arraycopy(whole, from, expected, GUARD, length);
        assertArrayEquals(expected, written, () -> target.name() + ", bytes " + from + ".." + to);
    }

    @EveryPrimitiveKind
    void retainedSliceKeepsItsBytesWhenTheArrayChanges(PrimitiveKind kind) {
        Object array = Samples.randomArray(kind, OFFSET + COUNT, 5);
        byte[] before = Samples.wireBytes(kind, array, OFFSET, COUNT);
        ArraySlicePayload retained = new ArraySlicePayload(kind, array, OFFSET, COUNT).retain();
        System.arraycopy(Samples.randomArray(kind, OFFSET + COUNT, 6), 0, array, 0, OFFSET + COUNT);
        ByteBuffer copy = ByteBuffer.allocate(retained.byteSize());
        retained.copyTo(0, copy, 0, retained.byteSize());
        assertArrayEquals(before, copy.array());
        assertNotSame(array, retained.array(), "the retained slice still views the sender's array");
        assertEquals(COUNT, retained.count());
    }
}
