package org.mpjcluster.device.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mpjcluster.device.Device;
import org.mpjcluster.device.DeviceContext;
import org.mpjcluster.device.Frame;
import org.mpjcluster.device.FrameSink;

/** What the shm device does beyond the conformance kit: hand-over by reference on the receiver's thread, and job bookkeeping. */
class ShmDeviceTest {

    private final String jobId = "shm-test-" + UUID.randomUUID();
    private final List<Frame> received = new ArrayList<>();
    private final List<Thread> deliveringThreads = new ArrayList<>();
    private volatile int wakeUps;

    @Test
    void queuesFramesByReferenceAndDeliversThemOnThePollingThread() throws Exception {
        try (Device sender = open(0, 2); Device receiver = open(1, 2)) {
            Frame frame = Frame.control((byte) 1, 2, 3);
            Thread senderThread = new Thread(() -> sender.send(1, frame));
            senderThread.start();
            senderThread.join();
            assertTrue(received.isEmpty(), "delivered before the receiver polled");
            assertEquals(1, wakeUps);
            assertEquals(1, receiver.poll());
            assertSame(frame, received.get(0));
            assertEquals(List.of(Thread.currentThread()), deliveringThreads);
            assertEquals(0, receiver.poll());
            assertTrue(sender.sharesMemory() && receiver.sharesMemory());
        }
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

    private Device open(int endpoint, int endpoints) {
        return new ShmDeviceProvider().open(new DeviceContext(jobId, endpoint, endpoints, e -> true, new FrameSink() {
            @Override
            public void onFrame(int source, Frame frame) {
                received.add(frame);
                deliveringThreads.add(Thread.currentThread());
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
