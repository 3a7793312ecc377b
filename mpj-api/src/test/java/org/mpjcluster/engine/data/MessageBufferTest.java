package org.mpjcluster.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Function;
import org.mpjcluster.device.BytePayload;
import org.mpjcluster.device.Payload;

/**
 * Packing and unpacking user buffers through layouts with gaps. One item of {@link #item} covers
 * elements 0, 1, 3, 4 and 6 of an extent of 8; messages hold three items' worth of elements.
 */
class MessageBufferTest {

    /** Element positions one item covers, in type map order. */
    private static final int[] COVERED = {0, 1, 3, 4, 6};
    private static final int EXTENT = 8;
    private static final int ITEMS = 3;
    private static final int ELEMENTS = ITEMS * COVERED.length;
    private static final int SEND_OFFSET = 1;
    private static final int RECEIVE_OFFSET = 2;
    private static final int SLACK = 3;

    private record Form(String name, Function<Payload, Payload> of) {
    }

    /** How a payload reaches the receiver: as the sender's array (shm) or as bytes (socket devices). */
    private static final List<Form> FORMS = List.of(
        new Form("array slice", payload -> payload),
        new Form("bytes", MessageBufferTest::asBytes));

    private static TypeLayout item(PrimitiveKind kind) {
        return TypeLayout.blocks(TypeLayout.basic(kind), new int[] {0, 3, 6}, new int[] {2, 2, 1}, 0, EXTENT);
    }

    /** The receive buffers that describe the same elements: three items, or one item of three. */
    private static List<MessageBuffer> stridedReceivers(PrimitiveKind kind, Object array) {
        return List.of(new MessageBuffer(array, RECEIVE_OFFSET, ITEMS, item(kind)),
            new MessageBuffer(array, RECEIVE_OFFSET, 1, TypeLayout.contiguous(ITEMS, item(kind))));
    }

    @EveryPrimitiveKind
    void unpacksIntoAStridedLayoutWritingOnlyTheCoveredElements(PrimitiveKind kind) {
        Object sent = Samples.randomArray(kind, SEND_OFFSET + ELEMENTS, 1);
        Payload payload = new MessageBuffer(sent, SEND_OFFSET, ELEMENTS, TypeLayout.basic(kind)).payload();
        assertInstanceOf(ArraySlicePayload.class, payload, "contiguous data is sent as a view of the array");
        for (Form form : FORMS) {
            for (int receiver = 0; receiver < 2; receiver++) {
                Object array = Samples.randomArray(kind, RECEIVE_OFFSET + ITEMS * EXTENT + SLACK, 2);
                Object expected = scatter(sent, Samples.copyOf(array), ELEMENTS);
                MessageBuffer buffer = stridedReceivers(kind, array).get(receiver);
                assertEquals(ELEMENTS, buffer.elementCount());
                buffer.unpack(form.of().apply(payload), incoming(buffer, kind, ELEMENTS), loader());
                Samples.assertSameElements(kind, expected, array);
            }
        }
    }

    @EveryPrimitiveKind
    void packsAStridedLayoutInTypeMapOrder(PrimitiveKind kind) {
        Object array = Samples.randomArray(kind, RECEIVE_OFFSET + ITEMS * EXTENT + SLACK, 3);
        Object gathered = Samples.randomArray(kind, ELEMENTS, 4);
        for (int i = 0; i < ELEMENTS; i++) {
            System.arraycopy(array, coveredIndex(i), gathered, i, 1);
        }
        for (MessageBuffer buffer : stridedReceivers(kind, array)) {
            assertArrayEquals(Samples.wireBytes(kind, gathered, 0, ELEMENTS), bytesOf(buffer.payload()));
        }
    }

    @EveryPrimitiveKind
    void truncatesAStridedReceiveToItsCapacity(PrimitiveKind kind) {
        Object sent = Samples.randomArray(kind, SEND_OFFSET + ELEMENTS, 5);
        Payload payload = new MessageBuffer(sent, SEND_OFFSET, ELEMENTS, TypeLayout.basic(kind)).payload();
        int capacityItems = ITEMS - 1;
        int capacity = capacityItems * COVERED.length;
        for (Form form : FORMS) {
            Object array = Samples.randomArray(kind, RECEIVE_OFFSET + ITEMS * EXTENT + SLACK, 6);
            Object expected = scatter(sent, Samples.copyOf(array), capacity);
            MessageBuffer buffer = new MessageBuffer(array, RECEIVE_OFFSET, capacityItems, item(kind));
            buffer.unpack(form.of().apply(payload), incoming(buffer, kind, ELEMENTS), loader());
            Samples.assertSameElements(kind, expected, array);
        }
    }

    @EveryPrimitiveKind
    void fillsOnlyAsManyCoveredElementsAsAShortMessageHolds(PrimitiveKind kind) {
        int shortCount = COVERED.length + 3;
        Object sent = Samples.randomArray(kind, SEND_OFFSET + shortCount, 9);
        Payload payload = new MessageBuffer(sent, SEND_OFFSET, shortCount, TypeLayout.basic(kind)).payload();
        for (Form form : FORMS) {
            for (int receiver = 0; receiver < 2; receiver++) {
                Object array = Samples.randomArray(kind, RECEIVE_OFFSET + ITEMS * EXTENT + SLACK, 10);
                Object expected = scatter(sent, Samples.copyOf(array), shortCount);
                MessageBuffer buffer = stridedReceivers(kind, array).get(receiver);
                buffer.unpack(form.of().apply(payload), incoming(buffer, kind, shortCount), loader());
                Samples.assertSameElements(kind, expected, array);
            }
        }
    }

    @EveryPrimitiveKind
    void storesTheSmallerOfMessageAndCapacityInAContiguousReceive(PrimitiveKind kind) {
        int capacity = 4;
        for (int messageCount : new int[] {capacity - 2, capacity, ELEMENTS}) {
            Object sent = Samples.randomArray(kind, SEND_OFFSET + messageCount, 7);
            Payload payload = new MessageBuffer(sent, SEND_OFFSET, messageCount, TypeLayout.basic(kind)).payload();
            for (Form form : FORMS) {
                Object array = Samples.randomArray(kind, RECEIVE_OFFSET + capacity + SLACK, 8);
                Object expected = Samples.copyOf(array);
                System.arraycopy(sent, SEND_OFFSET, expected, RECEIVE_OFFSET, Math.min(messageCount, capacity));
                MessageBuffer buffer = new MessageBuffer(array, RECEIVE_OFFSET, capacity, TypeLayout.basic(kind));
                buffer.unpack(form.of().apply(payload), incoming(buffer, kind, messageCount), loader());
                Samples.assertSameElements(kind, expected, array);
            }
        }
    }

    @EveryPrimitiveKind
    void countsIncomingElementsOnlyWhenTheByteSizeFitsTheKind(PrimitiveKind kind) {
        MessageBuffer buffer = new MessageBuffer(Samples.randomArray(kind, 1, 9), 0, 1, TypeLayout.basic(kind));
        int bytes = ELEMENTS * kind.byteSize();
        assertEquals(ELEMENTS, buffer.incomingElements(ELEMENTS, bytes));
        int odd = bytes + 1;
        assertEquals(kind == PrimitiveKind.BYTE ? odd : -1, buffer.incomingElements(ELEMENTS, odd),
            "a message whose size is not a multiple of the element size");
    }

    /** Index in the receive array of the {@code i}-th element the strided buffers cover. */
    private static int coveredIndex(int i) {
        return RECEIVE_OFFSET + i / COVERED.length * EXTENT + COVERED[i % COVERED.length];
    }

    /** {@code into} with its first {@code count} covered elements replaced by the sent ones, in order. */
    private static Object scatter(Object sent, Object into, int count) {
        for (int i = 0; i < count; i++) {
            System.arraycopy(sent, SEND_OFFSET + i, into, coveredIndex(i), 1);
        }
        return into;
    }

    private static int incoming(MessageBuffer buffer, PrimitiveKind kind, int elements) {
        return buffer.incomingElements(elements, elements * kind.byteSize());
    }

    private static byte[] bytesOf(Payload payload) {
        ByteBuffer bytes = ByteBuffer.allocate(payload.byteSize());
        payload.copyTo(0, bytes, 0, payload.byteSize());
        return bytes.array();
    }

    private static Payload asBytes(Payload payload) {
        byte[] bytes = bytesOf(payload);
        return BytePayload.wrap(bytes, 0, bytes.length);
    }

    private static ClassLoader loader() {
        return MessageBufferTest.class.getClassLoader();
    }
}
