package org.mpjcluster.device.shm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mpjcluster.device.BytePayload;
import org.mpjcluster.device.Device;
import org.mpjcluster.device.DeviceContext;
import org.mpjcluster.device.Frame;
import org.mpjcluster.device.FrameSink;
import org.mpjcluster.device.Payload;
import org.mpjcluster.device.SharedDirectory;

/**
 * What the shm device does beyond the conformance kit: small frames copied through the channel's
 * ring, large payloads by reference, one order across both, delivery on the receiver's thread, and
 * job bookkeeping.
 */
class ShmDeviceTest {

    private static final Config SMALL_RING = ConfigFactory.parseString("shm.ring-size = 1 KiB");

    private final String jobId = "shm-test-" + UUID.randomUUID();
    private final List<Frame> received = new ArrayList<>();
    private final List<byte[]> receivedBytes = new ArrayList<>();
    private final List<Thread> deliveringThreads = new ArrayList<>();
    private volatile int wakeUps;

    @Test
    void copiesSmallFramesAndDeliversThemOnThePollingThread() throws Exception {
        try (Device sender = open(0, 2); Device receiver = open(1, 2)) {
            Frame frame = Frame.control((byte) 1, 2, 3);
            Thread senderThread = new Thread(() -> sender.send(1, frame));
            senderThread.start();
            senderThread.join();
            assertTrue(received.isEmpty(), "delivered before the receiver polled");
            assertEquals(1, wakeUps);
            assertEquals(1, receiver.poll());
            assertEquals(frame, received.get(0));
            assertEquals(List.of(Thread.currentThread()), deliveringThreads);
            assertEquals(0, receiver.poll());
            assertTrue(sender.sharesMemory() && receiver.sharesMemory());
        }
    }

    @Test
    void passesPayloadsAboveTheInlineLimitByReference() {
        try (Device sender = open(0, 2, SMALL_RING); Device receiver = open(1, 2, SMALL_RING)) {
            int limit = Channel.inlinePayloadLimit(1024);
            assertFalse(sender.passesByReference(limit));
            assertTrue(sender.passesByReference(limit + 1));
            Payload large = BytePayload.wrap(new byte[limit + 1], 0, limit + 1);
            sender.send(1, frame(1, large));
            receiver.poll();
            assertSame(large, received.get(0).payload());
        }
    }

    @Test
    void keepsSendOrderAcrossRingAndQueueWhenTheRingFills() {
        try (Device sender = open(0, 2, SMALL_RING); Device receiver = open(1, 2, SMALL_RING)) {
            int limit = Channel.inlinePayloadLimit(1024);
            byte[] reused = new byte[limit];
            List<byte[]> sent = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int size = i % 10 == 9 ? limit + 1 + i : i % limit;
                byte[] data = size <= limit ? reused : new byte[size];
                Arrays.fill(data, 0, size, (byte) i);
                sent.add(Arrays.copyOf(data, size));
                sender.send(1, frame(i, BytePayload.wrap(data, 0, size)));
            }
            while (receiver.poll() > 0) {
                Thread.onSpinWait();
            }
            assertEquals(sent.size(), received.size());
            for (int i = 0; i < sent.size(); i++) {
                assertEquals(i, received.get(i).tag(), "frame order");
                assertArrayEquals(sent.get(i), receivedBytes.get(i), "payload of frame " + i);
            }
        }
    }

    @Test
    void refusesARingSizeThatIsNotAPowerOfTwo() {
        Config odd = ConfigFactory.parseString("shm.ring-size = 3000");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> open(0, 2, odd));
        assertTrue(e.getMessage().contains("ring-size") && e.getMessage().contains("3000"), e.getMessage());
    }

    @Test
    void refusesToOpenAnEndpointTwiceAndForgetsTheFailedAttempt() {
        Device first = open(0, 2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> open(0, 2));
        assertTrue(e.getMessage().contains("endpoint 0"), e.getMessage());
        first.close();
        open(0, 3).close();
    }

    @Test
    void refusesAnotherEndpointCountAndForgetsTheFailedAttempt() {
        Device first = open(0, 2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> open(1, 3));
        assertTrue(e.getMessage().contains("2 endpoints") || e.getMessage().contains("has 2"), e.getMessage());
        first.close();
        open(0, 3).close();
    }

    private static Frame frame(int tag, Payload payload) {
        return new Frame((byte) 1, 0, 0, tag, tag + 1, payload.byteSize(), payload.byteSize(), 0, 0, payload);
    }

    private Device open(int endpoint, int endpoints) {
        return open(endpoint, endpoints, ConfigFactory.empty());
    }

    private Device open(int endpoint, int endpoints, Config settings) {
        return new ShmDeviceProvider().open(new DeviceContext(jobId, "secret", endpoint, endpoints, e -> true,
            new SharedDirectory(), settings, new FrameSink() {
            @Override
            public void onFrame(int source, Frame frame) {
                received.add(frame);
                deliveringThreads.add(Thread.currentThread());
                byte[] bytes = new byte[frame.payload() == null ? 0 : frame.payload().byteSize()];
                if (frame.payload() != null) {
                    frame.payload().copyTo(0, ByteBuffer.wrap(bytes), 0, bytes.length);
                }
                receivedBytes.add(bytes);
            }

            @Override
            public void onEndpointGone(int gone, String reason) {
            }

            @Override
            public void wake() {
                wakeUps++;
            }
        }));
    }
}
