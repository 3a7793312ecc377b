package org.mpjcluster.runtime.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The feed of a job's standard input into rank 0's JVM: it takes input only once rank 0 reads
 * and only as much as it granted, grants more as it writes, and closes the pipe at the end.
 */
@Timeout(30)
class InputFeedTest {

    private static final int HALF_WINDOW = (int) (InputFeed.WINDOW_BYTES / 2);

    /** A pipe that takes what is written once it flows, keeps it, and says when it is closed. */
    private static final class Pipe extends ByteArrayOutputStream {

        private final CountDownLatch flowing = new CountDownLatch(1);
        private final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public void write(byte[] bytes, int offset, int length) {
            try {
                flowing.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            super.write(bytes, offset, length);
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    private final Pipe pipe = new Pipe();
    private final BlockingQueue<Long> grants = new LinkedBlockingQueue<>();
    private final InputFeed feed = new InputFeed(pipe, grants::add, "test-input");

    @Test
    void takesNoInputBeforeRankZeroReads() {
        assertFalse(feed.offer(new byte[] {1, 2, 3}));
        assertTrue(grants.isEmpty());
    }

    @Test
    void grantsAWindowWhenRankZeroReadsAndMoreAsItWritesRefusingWhatWasNotGranted() throws Exception {
        feed.open();
        feed.open();
        assertEquals(InputFeed.WINDOW_BYTES, grants.take());
        assertTrue(grants.isEmpty(), "one window for two opens");

        assertTrue(feed.offer(filled(HALF_WINDOW, 1)));
        assertTrue(feed.offer(filled(HALF_WINDOW, 2)));
        assertFalse(feed.offer(new byte[1]), "beyond the window");
        pipe.flowing.countDown();
        assertEquals(HALF_WINDOW, grants.poll(20, TimeUnit.SECONDS));
        assertEquals(HALF_WINDOW, grants.poll(20, TimeUnit.SECONDS));
        assertTrue(feed.offer(filled(HALF_WINDOW, 3)), "within the new credit");
    }

    @Test
    void writesTheChunksInOrderAndClosesThePipeAtTheEnd() throws Exception {
        pipe.flowing.countDown();
        feed.open();
        feed.offer(new byte[] {1, 2});
        feed.offer(new byte[] {3});
        feed.offer(new byte[0]);

        assertTrue(pipe.closed.await(20, TimeUnit.SECONDS));
        assertArrayEquals(new byte[] {1, 2, 3}, pipe.toByteArray());
        assertFalse(feed.offer(new byte[] {4}), "nothing after the end");
    }

    @Test
    void takesNothingOnceTheWorkerIsGone() {
        feed.open();
        feed.close();

        assertFalse(feed.offer(new byte[] {1}));
    }

    private static byte[] filled(int size, int value) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
