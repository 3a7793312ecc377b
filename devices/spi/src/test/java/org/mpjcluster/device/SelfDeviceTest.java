package org.mpjcluster.device;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The self device, checked directly: the conformance kit depends on this module, not the reverse. */
class SelfDeviceTest {

    private static final int LOCAL = 2;
    private static final int ENDPOINTS = 4;

    private record Delivery(int source, Frame frame, Thread thread) {
    }

    private final List<Delivery> deliveries = new ArrayList<>();
    private final List<Integer> goneNotices = new ArrayList<>();
    private final Device device = new SelfDeviceProvider().open(
        new DeviceContext("job", LOCAL, ENDPOINTS, endpoint -> true, new FrameSink() {
            @Override
            public void onFrame(int source, Frame frame) {
                deliveries.add(new Delivery(source, frame, Thread.currentThread()));
            }

            @Override
            public void onEndpointGone(int endpoint, String reason) {
                goneNotices.add(endpoint);
            }
        }));

    @Test
    void isNamedSelfAndRankedFirst() {
        SelfDeviceProvider provider = new SelfDeviceProvider();
        assertEquals("self", provider.name());
        assertEquals("self", device.name());
        assertEquals(DeviceProvider.PRIORITY_SELF, provider.priority());
    }

    @Test
    void reachesOnlyTheLocalEndpoint() {
        for (int endpoint = -1; endpoint <= ENDPOINTS; endpoint++) {
            assertEquals(endpoint == LOCAL, device.reaches(endpoint), "reaches " + endpoint);
        }
    }

    @Test
    void deliversTheSameFrameToItsOwnSinkOnTheCallingThread() {
        Frame frame = new Frame((byte) 1, 2, 3, 4, 5, 6, 7, 8, 9, BytePayload.wrap(new byte[7], 0, 7));
        device.send(LOCAL, frame);
        assertEquals(List.of(new Delivery(LOCAL, frame, Thread.currentThread())), deliveries);
        assertSame(frame, deliveries.get(0).frame(), "frames go by reference");
        assertTrue(device.sharesMemory());
        assertEquals(0, device.poll());
    }

    @Test
    void refusesToSendToAnotherEndpoint() {
        DeviceException e = assertThrows(DeviceException.class, () -> device.send(1, Frame.control((byte) 0, 0, 0)));
        assertTrue(e.getMessage().contains("endpoint 1"), e.getMessage());
        assertEquals(List.of(), deliveries, "a frame for endpoint 1 was delivered locally");
    }

    @Test
    void refusesToSendOnceClosedAndClosesTwiceQuietly() {
        device.close();
        assertDoesNotThrow(device::close);
        DeviceException e = assertThrows(DeviceException.class,
            () -> device.send(LOCAL, Frame.control((byte) 0, 0, 0)));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertEquals(List.of(), deliveries);
        assertEquals(List.of(), goneNotices, "the self device has no peers to report");
    }
}
