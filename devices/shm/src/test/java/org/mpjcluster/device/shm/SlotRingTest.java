package org.mpjcluster.device.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The slot ring alone: records of mixed sizes come out in order and intact across many laps (so
 * past the skips at the end of the ring and the ends of pages after long records), a full ring
 * refuses a record until the reader releases room, and stamps left from an earlier lap are never
 * taken for new records. The writer prepares the next record's lines after every record, as the
 * device does.
 */
class SlotRingTest {

    private static final int RING_BYTES = 1024;
    /** A ring of several pages, where records of more than 8 slots start on a page. */
    private static final int PAGED_RING_BYTES = 64 * 1024;
    private static final int PAGE_BYTES = 4096;
    /** Where a test record keeps its number and its length, after the stamp. */
    private static final int NUMBER = SlotRing.STAMP_BYTES;
    private static final int LENGTH = NUMBER + 4;
    private static final int BODY = LENGTH + 4;

    @Test
    void recordsOfMixedSizesArriveInOrderAcrossManyLaps() {
        assertMixedSizesArriveInOrder(RING_BYTES);
    }

    @Test
    void recordsOfMixedSizesArriveInOrderInARingOfPages() {
        assertMixedSizesArriveInOrder(PAGED_RING_BYTES);
    }

    @Test
    void theRecordAfterALongOneStartsOnTheNextPage() {
        SlotRing ring = new SlotRing(PAGED_RING_BYTES);
        SlotRing.Writer writer = ring.writer();
        SlotRing.Reader reader = ring.reader();
        int longRecord = 20 * SlotRing.SLOT_BYTES;
        assertTrue(write(writer, 0, longRecord));
        assertTrue(write(writer, 1, 0), "a one-slot record");
        assertEquals(0, reader.next());
        reader.release(SlotRing.slotsFor(BODY + longRecord));
        int index = reader.next();
        assertEquals(PAGE_BYTES, index, "the record after the long one starts on the second page");
        assertEquals(1, reader.buffer().getInt(index + NUMBER));
    }

    @Test
    void aSkipOfSeveralPagesBeforeTheEndOfTheRingIsPassed() {
        SlotRing ring = new SlotRing(PAGED_RING_BYTES);
        SlotRing.Writer writer = ring.writer();
        SlotRing.Reader reader = ring.reader();
        int slots = PAGED_RING_BYTES / SlotRing.SLOT_BYTES;
        // Small records up to slot 897, read at once, then one of 128 slots: it would start on the
        // page at slot 960 and not fit, so it starts the next lap, and slots 897 to 1023 become
        // one skip.
        int number = 0;
        while (number < slots - 127) {
            assertTrue(write(writer, number, 0));
            int index = reader.next();
            assertEquals(number, reader.buffer().getInt(index + NUMBER));
            reader.release(1);
            number++;
        }
        int longest = PAGED_RING_BYTES / 8 - BODY;
        assertTrue(write(writer, number, longest));
        int index = reader.next();
        assertEquals(0, index, "the long record starts the next lap");
        assertEquals(number, reader.buffer().getInt(index + NUMBER));
        assertEquals((byte) (number + longest - 1), reader.buffer().getByte(index + BODY + longest - 1));
    }

    private static void assertMixedSizesArriveInOrder(int ringBytes) {
        SlotRing ring = new SlotRing(ringBytes);
        SlotRing.Writer writer = ring.writer();
        SlotRing.Reader reader = ring.reader();
        Random random = new Random(7);
        ArrayDeque<Integer> lengths = new ArrayDeque<>();
        int written = 0;
        int read = 0;
        int previousSlots = 0;
        while (read < 5_000) {
            int length = random.nextInt(ringBytes / 8 - BODY + 1);
            if (written < 5_000 && write(writer, written, length)) {
                lengths.add(length);
                written++;
            }
            if (random.nextBoolean() || written == 5_000) {
                int index = reader.next();
                if (index >= 0) {
                    assertEquals(read, reader.buffer().getInt(index + NUMBER), "record number");
                    int expected = lengths.remove();
                    if (previousSlots > SlotRing.PAGE_ALIGNED_FROM_SLOTS) {
                        assertEquals(0, index % Math.min(PAGE_BYTES, ringBytes), "record " + read + " starts on a page");
                    }
                    previousSlots = SlotRing.slotsFor(BODY + expected);
                    assertEquals(expected, reader.buffer().getInt(index + LENGTH), "length of record " + read);
                    for (int i = 0; i < expected; i++) {
                        assertEquals((byte) (read + i), reader.buffer().getByte(index + BODY + i), "byte " + i + " of record " + read);
                    }
                    reader.release(SlotRing.slotsFor(BODY + expected));
                    read++;
                }
            }
        }
        assertEquals(-1, reader.next(), "nothing left");
        assertFalse(reader.hasRecord());
    }

    @Test
    void aFullRingRefusesUntilTheReaderReleases() {
        SlotRing ring = new SlotRing(RING_BYTES);
        SlotRing.Writer writer = ring.writer();
        SlotRing.Reader reader = ring.reader();
        int slotsPerRecord = 2;
        int fits = RING_BYTES / SlotRing.SLOT_BYTES / slotsPerRecord;
        for (int i = 0; i < fits; i++) {
            assertTrue(write(writer, i, SlotRing.SLOT_BYTES), "record " + i + " fits");
        }
        assertFalse(write(writer, fits, SlotRing.SLOT_BYTES), "the ring is full");
        int index = reader.next();
        assertEquals(0, reader.buffer().getInt(index + NUMBER));
        reader.release(slotsPerRecord);
        assertTrue(write(writer, fits, SlotRing.SLOT_BYTES), "room after a release");
    }

    @Test
    void aRecordIsInvisibleUntilPublishedAndOldLapsDoNotCount() {
        SlotRing ring = new SlotRing(RING_BYTES);
        SlotRing.Writer writer = ring.writer();
        SlotRing.Reader reader = ring.reader();
        int slots = RING_BYTES / SlotRing.SLOT_BYTES;
        for (int i = 0; i < slots; i++) {
            assertTrue(write(writer, i, 0));
            reader.release(SlotRing.slotsFor(BODY));
        }
        // A full lap later, every slot holds a stamp of the first lap.
        int index = writer.claim(BODY);
        assertEquals(0, index);
        assertFalse(reader.hasRecord(), "claimed, not yet published");
        assertEquals(-1, reader.next());
        writer.publish(index);
        assertTrue(reader.hasRecord());
        assertEquals(0, reader.next());
    }

    @Test
    void aReaderOnAnotherThreadSeesEveryRecordOnce() throws Exception {
        assertAnotherThreadSeesEveryRecord(RING_BYTES, 100);
    }

    @Test
    void aReaderOnAnotherThreadSeesEveryRecordOfARingOfPages() throws Exception {
        assertAnotherThreadSeesEveryRecord(PAGED_RING_BYTES, 3000);
    }

    /** A reader thread checks {@code count} records of up to {@code maxLength - 1} bytes. */
    private static void assertAnotherThreadSeesEveryRecord(int ringBytes, int maxLength) throws Exception {
        SlotRing ring = new SlotRing(ringBytes);
        int count = 200_000;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread consumer = new Thread(() -> {
            SlotRing.Reader reader = ring.reader();
            try {
                for (int expected = 0; expected < count; ) {
                    int index = reader.next();
                    if (index < 0) {
                        Thread.onSpinWait();
                        continue;
                    }
                    int length = reader.buffer().getInt(index + LENGTH);
                    assertEquals(expected, reader.buffer().getInt(index + NUMBER));
                    assertEquals((byte) (expected + length - 1), length == 0 ? (byte) (expected - 1)
                        : reader.buffer().getByte(index + BODY + length - 1));
                    reader.release(SlotRing.slotsFor(BODY + length));
                    expected++;
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        consumer.start();
        SlotRing.Writer writer = ring.writer();
        for (int i = 0; i < count; ) {
            if (write(writer, i, i % maxLength)) {
                i++;
            } else {
                Thread.onSpinWait();
            }
        }
        consumer.join(30_000);
        assertFalse(consumer.isAlive(), "the reader finished");
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }

    /** Writes record {@code number} with a body of {@code length} bytes; false if the ring is full. */
    private static boolean write(SlotRing.Writer writer, int number, int length) {
        int index = writer.claim(BODY + length);
        if (index < 0) {
            return false;
        }
        writer.buffer().putInt(index + NUMBER, number);
        writer.buffer().putInt(index + LENGTH, length);
        for (int i = 0; i < length; i++) {
            writer.buffer().putByte(index + BODY + i, (byte) (number + i));
        }
        writer.publish(index);
        writer.prepareNext();
        return true;
    }
}
