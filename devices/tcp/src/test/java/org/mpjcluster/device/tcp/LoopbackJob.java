package org.mpjcluster.device.tcp;

import static org.junit.jupiter.api.Assertions.fail;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import org.mpjcluster.device.BytePayload;
import org.mpjcluster.device.DeviceContext;
import org.mpjcluster.device.Frame;
import org.mpjcluster.device.FrameSink;
import org.mpjcluster.device.SharedDirectory;

/**
 * Some endpoints of a job on tcp devices in this JVM, for tests: opens the chosen endpoints (the
 * others stay unopened, for a test to play them over raw sockets), records what each receives,
 * and waits by polling.
 */
final class LoopbackJob implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** What one endpoint received. */
    static final class Sink implements FrameSink {
        final Queue<Long> values = new ConcurrentLinkedQueue<>();
        final Queue<String> gone = new ConcurrentLinkedQueue<>();
        /** Whether the endpoint's job has ended, as the engine would say once a rank failed. */
        volatile boolean ended;

        @Override
        public void onFrame(int source, Frame frame) {
            ByteBuffer bytes = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            frame.payload().copyTo(0, bytes, 0, Long.BYTES);
            values.add(source * 1_000_000_000L + bytes.getLong(0));
        }

        @Override
        public void onEndpointGone(int endpoint, String reason) {
            gone.add(endpoint + ": " + reason);
        }

        @Override
        public boolean jobEnded() {
            return ended;
        }
    }

    final String jobId = "tcp-test-" + UUID.randomUUID();
    final String secret = DeviceContext.newSecret();
    final SharedDirectory directory = new SharedDirectory();
    final TcpDevice[] devices;
    final Sink[] sinks;

    /** Opens {@code opened} of {@code endpoints} endpoints with default settings. */
    LoopbackJob(int endpoints, int... opened) {
        this(ConfigFactory.empty(), endpoints, opened);
    }

    /** Opens {@code opened} of {@code endpoints} endpoints with {@code tcpSettings}. */
    LoopbackJob(Config tcpSettings, int endpoints, int... opened) {
        devices = new TcpDevice[endpoints];
        sinks = new Sink[endpoints];
        Config settings = tcpSettings.atPath(TcpDevice.NAME);
        for (int endpoint : opened) {
            sinks[endpoint] = new Sink();
            devices[endpoint] = TcpDevice.open(new DeviceContext(jobId, secret, endpoint, endpoints, e -> true,
                directory, settings, sinks[endpoint]));
        }
    }

    /** The credentials of this job, for tests that play an endpoint by hand. */
    HandshakeDescriptor.Credentials credentials() {
        return HandshakeDescriptor.Credentials.of(jobId, secret);
    }

    /** Sends {@code value} from {@code from} to {@code to} as an eight-byte payload. */
    void send(int from, int to, long value) {
        byte[] bytes = new byte[Long.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(value);
        devices[from].send(to, new Frame((byte) 1, 0, from, 0, value, 1, Long.BYTES, 0, 0,
            BytePayload.wrap(bytes, 0, bytes.length)));
    }

    /** Sends one value each way between {@code a} and {@code b} and waits until both arrive. */
    void exchange(int a, int b, long value) {
        send(a, b, value);
        send(b, a, value);
        awaitUntil("the exchange of " + value + " between " + a + " and " + b,
            () -> sinks[b].values.contains(a * 1_000_000_000L + value)
                && sinks[a].values.contains(b * 1_000_000_000L + value));
    }

    /** Polls every opened device until {@code done}, failing after the timeout. */
    void awaitUntil(String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out waiting for " + what);
            }
            if (pollAll() == 0) {
                Thread.onSpinWait();
            }
        }
    }

    /** Polls every opened device once. */
    int pollAll() {
        int work = 0;
        for (TcpDevice device : devices) {
            if (device != null) {
                work += device.poll();
            }
        }
        return work;
    }

    /** The opened devices. */
    List<TcpDevice> opened() {
        List<TcpDevice> list = new ArrayList<>();
        for (TcpDevice device : devices) {
            if (device != null) {
                list.add(device);
            }
        }
        return list;
    }

    @Override
    public void close() {
        opened().forEach(TcpDevice::close);
    }
}
