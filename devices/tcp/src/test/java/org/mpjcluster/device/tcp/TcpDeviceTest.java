package org.mpjcluster.device.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpjcluster.device.BytePayload;
import org.mpjcluster.device.DeviceException;
import org.mpjcluster.device.Frame;

/** What the tcp device does beyond the conformance kit: binding, tie-break, jobs side by side, clean close. */
@Timeout(60)
class TcpDeviceTest {

    private static final int FRAMES_EACH_WAY = 500;
    private static final int SIMULTANEOUS_ROUNDS = 20;

    @Test
    void listensOnTheConfiguredAddressOnly() {
        try (LoopbackJob job = new LoopbackJob(2, 0, 1)) {
            for (TcpDevice device : job.opened()) {
                assertTrue(device.address().startsWith("127.0.0.1:"), device.address());
            }
            job.exchange(0, 1, 1);
        }
    }

    @Test
    void takesTheFirstFreePortOfTheRangeAndSaysSoWhenTheRangeIsTaken() throws IOException {
        int first = twoFreePorts();
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), first));
            Config range = settings("port-range", first + "-" + (first + 1));
            try (LoopbackJob job = new LoopbackJob(range, 2, 0)) {
                assertEquals("127.0.0.1:" + (first + 1), job.devices[0].address());
                DeviceException e = assertThrows(DeviceException.class, () -> new LoopbackJob(range, 2, 0));
                assertTrue(e.getMessage().contains("port-range"), e.getMessage());
                assertTrue(e.getMessage().contains(first + "-" + (first + 1)), e.getMessage());
            }
        }
    }

    @Test
    void refusesMalformedSettingsNamingTheKey() {
        DeviceException e = assertThrows(DeviceException.class,
            () -> new LoopbackJob(settings("port-range", "high-low"), 2, 0));
        assertTrue(e.getMessage().contains("port-range"), e.getMessage());
    }

    @Test
    void usesItsOwnEagerLimit() {
        try (LoopbackJob job = new LoopbackJob(settings("eager-limit", "8 KiB"), 2, 0)) {
            assertEquals(8 * 1024, job.devices[0].eagerLimitBytes(16 * 1024));
        }
    }

    @Test
    void keepsOneConnectionPerPairWhenBothSidesConnectAtOnce() throws InterruptedException {
        for (int round = 0; round < SIMULTANEOUS_ROUNDS; round++) {
            try (LoopbackJob job = new LoopbackJob(2, 0, 1)) {
                Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
                CountDownLatch start = new CountDownLatch(1);
                List<Thread> senders = new ArrayList<>();
                for (int from = 0; from < 2; from++) {
                    int sender = from;
                    Thread thread = new Thread(() -> {
                        try {
                            start.await();
                            for (long value = 1; value <= FRAMES_EACH_WAY; value++) {
                                job.send(sender, 1 - sender, value);
                            }
                        } catch (Throwable t) {
                            failures.add(t);
                        }
                    });
                    thread.start();
                    senders.add(thread);
                }
                start.countDown();
                job.awaitUntil("both sides' frames", () -> job.sinks[0].values.size() == FRAMES_EACH_WAY
                    && job.sinks[1].values.size() == FRAMES_EACH_WAY);
                for (Thread thread : senders) {
                    thread.join();
                }
                assertTrue(failures.isEmpty(), () -> "a sender failed: " + failures.peek());
                assertEquals(LongStream.rangeClosed(1, FRAMES_EACH_WAY).map(v -> 1_000_000_000L + v).boxed().toList(),
                    List.copyOf(job.sinks[0].values), "frames at 0, in order");
                assertEquals(LongStream.rangeClosed(1, FRAMES_EACH_WAY).boxed().toList(),
                    List.copyOf(job.sinks[1].values), "frames at 1, in order");
                assertEquals(1, job.devices[0].connectionCount(), "connections at 0");
                assertEquals(1, job.devices[1].connectionCount(), "connections at 1");
            }
        }
    }

    @Test
    void writesOutABackloggedSendWithoutTheSenderPollingAgain() {
        int frames = 8;
        int bytes = 4 * 1024 * 1024;
        try (LoopbackJob job = new LoopbackJob(settings("write-spin", "0s"), 2, 0, 1)) {
            job.exchange(0, 1, 0);
            byte[] body = new byte[bytes];
            for (long value = 1; value <= frames; value++) {
                ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).putLong(0, value);
                job.devices[0].send(1, new Frame((byte) 1, 0, 0, 0, value, bytes, bytes, 0, 0,
                    BytePayload.wrap(body, 0, bytes)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (job.sinks[1].values.size() < frames + 1 && System.nanoTime() < deadline) {
                job.devices[1].poll();
            }
            assertEquals(LongStream.rangeClosed(0, frames).boxed().toList(), List.copyOf(job.sinks[1].values),
                "frames at 1, only 1 polling");
        }
    }

    @Test
    void runsJobsSideBySideOnOneHost() {
        try (LoopbackJob first = new LoopbackJob(2, 0, 1); LoopbackJob second = new LoopbackJob(2, 0, 1)) {
            first.exchange(0, 1, 1);
            second.exchange(0, 1, 2);
            first.exchange(0, 1, 3);
            assertFalse(first.devices[0].address().equals(second.devices[0].address()));
        }
    }

    @Test
    void refusesToConnectToAnotherJobListeningAtTheAddress() {
        try (LoopbackJob other = new LoopbackJob(2, 0, 1); LoopbackJob job = new LoopbackJob(3, 0)) {
            job.directory.publish(TcpDevice.NAME, 1, other.devices[1].address());
            DeviceException e = assertThrows(DeviceException.class, () -> job.send(0, 1, 1));
            assertTrue(e.getMessage().contains("endpoint 1 is gone (cannot connect"), e.getMessage());
            other.exchange(0, 1, 2);
        }
    }

    @Test
    void tellsPeersItNeverTalkedToThatItFinished() {
        try (LoopbackJob job = new LoopbackJob(3, 0, 1, 2)) {
            job.exchange(0, 1, 1);
            job.devices[2].close();
            job.awaitUntil("both peers to hear of it", () -> job.sinks[0].gone.contains("2: finished")
                && job.sinks[1].gone.contains("2: finished"));
            job.devices[1].close();
            job.awaitUntil("endpoint 0 to hear of 1", () -> job.sinks[0].gone.contains("1: finished"));
        }
    }

    @Test
    void stopsConnectingToAPeerWhoseProcessDiedOnceTheJobEnds() throws Exception {
        try (LoopbackJob job = new LoopbackJob(settings("connect-timeout", "10m"), 2, 0)) {
            job.directory.publish(TcpDevice.NAME, 1, "127.0.0.1:" + closedPort());
            CompletableFuture<Void> send = CompletableFuture.runAsync(() -> job.send(0, 1, 1));
            job.sinks[0].ended = true;

            ExecutionException failed = assertThrows(ExecutionException.class, () -> send.get(10, TimeUnit.SECONDS));
            DeviceException e = assertInstanceOf(DeviceException.class, failed.getCause());
            assertTrue(e.getMessage().contains("the job ended while connecting to endpoint 1"), e.getMessage());
        }
    }

    @Test
    void stopsItsAgentThreadOnClose() throws InterruptedException {
        List<Thread> agents = new ArrayList<>();
        try (LoopbackJob job = new LoopbackJob(2, 0, 1)) {
            job.exchange(0, 1, 1);
            job.opened().forEach(device -> agents.add(device.agentThread()));
            agents.forEach(agent -> assertTrue(agent.isAlive(), agent.getName()));
        }
        for (Thread agent : agents) {
            agent.join(5_000);
            assertFalse(agent.isAlive(), agent.getName() + " still runs");
            assertTrue(agent.getName().startsWith("mpj-tcp-agent-"), agent.getName());
        }
    }

    private static Config settings(String key, String value) {
        return ConfigFactory.parseMap(Map.of(key, value));
    }

    /** A port nothing listens on, as a dead process leaves it: connecting is refused. */
    private static int closedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** A port {@code p} such that {@code p} and {@code p + 1} were both free a moment ago. */
    private static int twoFreePorts() throws IOException {
        while (true) {
            int port;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
            if (port < 65_535) {
                try (ServerSocket next = new ServerSocket(port + 1, 1, InetAddress.getLoopbackAddress())) {
                    return port;
                } catch (IOException e) {
                    // Taken; try another pair.
                }
            }
        }
    }
}
