package org.mpjcluster.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** How a device table ranks providers and assigns each endpoint a device. */
class DeviceTableTest {

    private static final int LOCAL = 0;
    private static final int ENDPOINTS = 5;

    private final FakeProvider self = new FakeProvider("self", DeviceProvider.PRIORITY_SELF, e -> e == LOCAL);
    private final FakeProvider shm = new FakeProvider("shm", DeviceProvider.PRIORITY_SHARED_MEMORY, e -> e <= 2);
    private final FakeProvider tcp = new FakeProvider("tcp", DeviceProvider.PRIORITY_SOCKET, e -> e == 2 || e == 3);
    private final FakeProvider relay = new FakeProvider("relay", DeviceProvider.PRIORITY_RELAYED, e -> true);

    @Test
    void assignsEachEndpointTheBestRankedDeviceThatReachesIt() {
        try (DeviceTable table = open(List.of(relay, tcp, self, shm), name -> true)) {
            assertSame(self.device(), table.to(0));
            assertSame(shm.device(), table.to(1));
            assertSame(shm.device(), table.to(2), "shm outranks tcp for endpoint 2");
            assertSame(tcp.device(), table.to(3));
            assertSame(relay.device(), table.to(4));
            assertEquals(List.of("self", "shm", "tcp", "relay"), table.names());
        }
    }

    @Test
    void closesDevicesNoEndpointNeeds() {
        FakeProvider everywhere = new FakeProvider("tcp", DeviceProvider.PRIORITY_SOCKET, e -> true);
        try (DeviceTable table = open(List.of(relay, everywhere), name -> true)) {
            assertEquals(List.of("tcp"), table.names());
            assertTrue(relay.device().closed, "the unused relay device was left open");
            assertEquals(FakeDevice.WORK_PER_POLL, table.poll(), "only devices in use are polled");
        }
    }

    @Test
    void usesOnlyDevicesTheAllowedNamesAccept() {
        try (DeviceTable table = open(List.of(self, shm, tcp, relay), name -> !name.equals("shm"))) {
            assertEquals(List.of(), shm.opened, "a device that is not allowed was opened");
            assertSame(relay.device(), table.to(1));
            assertSame(tcp.device(), table.to(2));
            assertEquals(List.of("self", "tcp", "relay"), table.names());
        }
    }

    @Test
    void failsNamingAnEndpointNoDeviceReachesAndClosesWhatItOpened() {
        DeviceException e = assertThrows(DeviceException.class, () -> open(List.of(self, shm, tcp), name -> true));
        assertTrue(e.getMessage().contains("endpoint 4"), e.getMessage());
        assertTrue(self.device().closed && shm.device().closed && tcp.device().closed, "devices left open");
    }

    @Test
    void failsNamingAnEndpointOutsideTheJob() {
        try (DeviceTable table = open(List.of(self, relay), name -> true)) {
            for (int outside : new int[] {-1, ENDPOINTS}) {
                DeviceException e = assertThrows(DeviceException.class, () -> table.to(outside));
                assertTrue(e.getMessage().contains("endpoint " + outside), e.getMessage());
            }
        }
    }

    @Test
    void closesWhatItOpenedWhenAProviderFailsToOpen() {
        shm.failure = new DeviceException("no shared memory segment");
        DeviceException e = assertThrows(DeviceException.class, () -> open(List.of(self, shm, relay), name -> true));
        assertSame(shm.failure, e);
        assertTrue(self.device().closed, "the self device was left open");
    }

    @Test
    void pollsAndClosesEveryDeviceInUse() {
        DeviceTable table = open(List.of(self, shm, tcp, relay), name -> true);
        assertEquals(4 * FakeDevice.WORK_PER_POLL, table.poll());
        table.close();
        for (FakeProvider provider : List.of(self, shm, tcp, relay)) {
            assertTrue(provider.device().closed, provider.name + " left open");
        }
    }

    @Test
    void findsTheSelfDeviceThroughServiceLoader() {
        DeviceContext alone = new DeviceContext("job", 0, 1, e -> true, new FakeSink());
        try (DeviceTable table = DeviceTable.open(alone, name -> true)) {
            assertEquals(List.of("self"), table.names());
            assertEquals("self", table.to(0).name());
        }
        DeviceException e = assertThrows(DeviceException.class, () -> DeviceTable.open(alone, name -> false));
        assertTrue(e.getMessage().contains("endpoint 0"), e.getMessage());
    }

    private static DeviceTable open(List<DeviceProvider> providers, Predicate<String> allowed) {
        return DeviceTable.open(new DeviceContext("job", LOCAL, ENDPOINTS, e -> true, new FakeSink()),
            providers, allowed);
    }

    /** A provider whose devices reach a fixed set of endpoints. */
    private static final class FakeProvider implements DeviceProvider {
        final String name;
        final int priority;
        final IntPredicate reaches;
        final List<FakeDevice> opened = new ArrayList<>();
        RuntimeException failure;

        FakeProvider(String name, int priority, IntPredicate reaches) {
            this.name = name;
            this.priority = priority;
            this.reaches = reaches;
        }

        /** The one device this provider opened. */
        FakeDevice device() {
            assertEquals(1, opened.size(), name + " devices opened");
            return opened.get(0);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int priority() {
            return priority;
        }

        @Override
        public Device open(DeviceContext context) {
            if (failure != null) {
                throw failure;
            }
            FakeDevice device = new FakeDevice(name, reaches);
            opened.add(device);
            return device;
        }
    }

    /** A device that only records whether it was closed. */
    private static final class FakeDevice implements Device {
        static final int WORK_PER_POLL = 1;

        final String name;
        final IntPredicate reaches;
        boolean closed;

        FakeDevice(String name, IntPredicate reaches) {
            this.name = name;
            this.reaches = reaches;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean reaches(int endpoint) {
            return reaches.test(endpoint);
        }

        @Override
        public boolean sharesMemory() {
            return false;
        }

        @Override
        public void send(int endpoint, Frame frame) {
        }

        @Override
        public int poll() {
            return WORK_PER_POLL;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static final class FakeSink implements FrameSink {
        @Override
        public void onFrame(int source, Frame frame) {
        }

        @Override
        public void onEndpointGone(int endpoint, String reason) {
        }
    }
}
