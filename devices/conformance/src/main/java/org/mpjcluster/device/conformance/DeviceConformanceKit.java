package org.mpjcluster.device.conformance;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mpjcluster.device.BytePayload;
import org.mpjcluster.device.Device;
import org.mpjcluster.device.DeviceContext;
import org.mpjcluster.device.DeviceException;
import org.mpjcluster.device.DeviceProvider;
import org.mpjcluster.device.Frame;
import org.mpjcluster.device.FrameSink;
import org.mpjcluster.device.Payload;

/**
 * The behaviour every device must show. A device module extends this class in its tests and
 * supplies its provider:
 *
 * <pre>{@code
 * class ShmDeviceConformanceTest extends DeviceConformanceKit {
 *     protected DeviceProvider provider() {
 *         return new ShmDeviceProvider();
 *     }
 * }
 * }</pre>
 *
 * <p>Each test opens a fresh job with a unique id through {@link #openJob}. The test thread drives
 * every endpoint and polls every device between sends and while it waits, so a device may deliver
 * on the sender's thread, on its own thread, or inside {@link Device#poll()}; its {@code send} must
 * not wait for a peer's {@code poll()}, since the kit never polls concurrently with a send on the
 * same device. Sinks copy payload bytes during {@link FrameSink#onFrame}, the only time a payload is
 * guaranteed valid.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class DeviceConformanceKit {

    private static final int JOB_SIZE = 3;
    private static final int GONE = 1;
    private static final int FRAMES_PER_PAIR = 2_000;
    private static final int CONCURRENT_SENDERS = 8;
    private static final int FRAMES_PER_SENDER = 2_000;
    private static final int RECEIVER = 0;
    private static final int RETAINED_BYTES = 4096;
    private static final byte DATA_KIND = (byte) 0xA5;
    private static final int CONTEXT = 0x5EED;
    private static final Duration SETTLE = Duration.ofMillis(50);

    /** The provider of the device under test. */
    protected abstract DeviceProvider provider();

    /**
     * Opens every endpoint of a new job; endpoint {@code i} delivers to {@code sinks.get(i)} and
     * is element {@code i} of the result. The default opens them one after another in this JVM, all
     * co-located. A device whose endpoints must exchange addresses before they can open (tcp)
     * overrides this, for example to open each endpoint on its own thread and join them.
     */
    protected List<Device> openJob(String jobId, int endpoints, List<FrameSink> sinks) {
        List<Device> devices = new ArrayList<>();
        try {
            for (int endpoint = 0; endpoint < endpoints; endpoint++) {
                devices.add(provider().open(
                    new DeviceContext(jobId, endpoint, endpoints, peer -> true, sinks.get(endpoint))));
            }
        } catch (RuntimeException e) {
            devices.forEach(Device::close);
            throw e;
        }
        return devices;
    }

    /** How long to wait for frames and notices that a device delivers asynchronously. */
    protected Duration deliveryTimeout() {
        return Duration.ofSeconds(10);
    }

    // ------------------------------------------------------------------ discovery and reach

    /** The provider is registered for {@link ServiceLoader}, so device tables find it. */
    @Test
    public void providerIsFoundByServiceLoader() {
        Class<?> type = provider().getClass();
        assertTrue(ServiceLoader.load(DeviceProvider.class, type.getClassLoader()).stream()
                .anyMatch(found -> found.type() == type),
            () -> type.getName() + " is not listed in META-INF/services/" + DeviceProvider.class.getName());
    }

    /** Every device carries its provider's name. */
    @Test
    public void deviceIsNamedAsItsProvider() {
        try (TestJob job = openTestJob(JOB_SIZE, false)) {
            for (int endpoint = 0; endpoint < job.size(); endpoint++) {
                assertEquals(provider().name(), job.device(endpoint).name());
            }
        }
    }

    /** Every endpoint reaches every other endpoint of the job. */
    @Test
    public void reachesEveryOtherEndpointOfTheJob() {
        try (TestJob job = openTestJob(JOB_SIZE, false)) {
            for (int from = 0; from < job.size(); from++) {
                for (int to = 0; to < job.size(); to++) {
                    int peer = to;
                    assertTrue(from == to || job.device(from).reaches(to),
                        () -> "endpoint " + peer + " not reached");
                }
            }
        }
    }

    /** No endpoint reaches indices outside the job. */
    @Test
    public void reachesNoEndpointOutsideTheJob() {
        try (TestJob job = openTestJob(JOB_SIZE, false)) {
            assertFalse(job.device(0).reaches(-1), "reaches endpoint -1");
            assertFalse(job.device(0).reaches(job.size()), "reaches endpoint " + job.size());
        }
    }

    // ------------------------------------------------------------------ delivery

    /** Each frame reaches only its destination, naming its sender, with every envelope field intact. */
    @Test
    public void deliversEachFrameToItsDestinationWithTheEnvelopeIntact() {
        try (TestJob job = openTestJob(JOB_SIZE, false)) {
            eachPair(job, (from, to) -> job.send(from, to, envelopeProbe(from, to)));
            int expected = job.size() - 1;
            for (int to = 0; to < job.size(); to++) {
                RecordingSink sink = job.sink(to);
                job.awaitUntil(() -> expected + " frames at one endpoint, got " + sink.frameCount(),
                    () -> sink.frameCount() >= expected);
            }
            job.pollFor(SETTLE);
            eachPair(job, (from, to) -> {
                List<Received> frames = job.sink(to).framesFrom(from);
                assertEquals(1, frames.size(), () -> "frames from " + from + " at " + to);
                Frame sent = envelopeProbe(from, to);
                assertEquals(Received.envelopeOf(sent), frames.get(0).envelope());
                assertArrayEquals(payloadBytes(sent), frames.get(0).bytes(), "payload " + from + "->" + to);
            });
            for (int to = 0; to < job.size(); to++) {
                assertEquals(expected, job.sink(to).frameCount(), "frames at endpoint " + to);
            }
        }
    }

    /**
     * Payload bytes arrive unchanged, for empty, tiny and large payloads. A frame sent with a
     * payload arrives with one, even an empty one: the engine tells a rendezvous announcement from
     * data by whether the payload is there.
     */
    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("payloadSizes")
    public void deliversPayloadBytesIntact(int size) {
        assertPayloadDelivered(TestPayloads.Flavour.BYTE_PAYLOAD, size);
    }

    /** The device reads payloads through the {@link Payload} interface alone, whatever their class. */
    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("payloadSizes")
    public void deliversPayloadsOfAnyImplementation(int size) {
        assertPayloadDelivered(TestPayloads.Flavour.FOREIGN, size);
    }

    static IntStream payloadSizes() {
        return IntStream.of(0, 1, 1024, 64 * 1024, 1024 * 1024);
    }

    /** Frames without a payload arrive without one, keeping an announced body size. */
    @Test
    public void deliversControlFramesWithoutPayload() {
        try (TestJob job = openTestJob(JOB_SIZE, false)) {
            Frame control = Frame.control((byte) 0x7F, Long.MAX_VALUE, Long.MIN_VALUE);
            Frame announcement = new Frame(DATA_KIND, CONTEXT, 5, 6, 7, 1024, 4096, 42, 0, null);
            job.send(0, 1, control);
            job.send(0, 1, announcement);
            RecordingSink sink = job.sink(1);
            job.awaitUntil(() -> "two control frames", () -> sink.frameCount() >= 2);
            List<Received> frames = sink.frames();
            assertEquals(List.of(control, announcement), frames.stream().map(Received::envelope).toList());
            for (Received received : frames) {
                assertNull(received.bytes(), () -> "payload on " + received.envelope());
            }
        }
    }

    /** A payload retained during delivery stays valid after the sender reuses its buffer. */
    @Test
    public void retainedPayloadOutlivesTheDelivery() {
        try (TestJob job = openTestJob(JOB_SIZE, true)) {
            byte[] buffer = TestPayloads.randomBytes(RETAINED_BYTES, 3);
            byte[] original = buffer.clone();
            job.send(0, 1, dataFrame(0, 1, 1, BytePayload.wrap(buffer, 0, buffer.length)));
            job.awaitUntil(() -> "the frame", () -> job.sink(1).frameCount() == 1);
            Arrays.fill(buffer, (byte) 0);
            Payload retained = job.sink(1).frames().get(0).retained();
            byte[] copy = new byte[retained.byteSize()];
            retained.copyTo(0, ByteBuffer.wrap(copy), 0, copy.length);
            assertArrayEquals(original, copy, "retained payload");
        }
    }

    /** Unless memory is shared, the sender may reuse its buffer as soon as {@code send} returns. */
    @Test
    public void senderMayReuseItsBufferOnceSendReturns() {
        try (TestJob job = openTestJob(JOB_SIZE, false)) {
            assumeFalse(job.device(0).passesByReference(RETAINED_BYTES), "the sender keeps a payload passed by reference valid");
            byte[] buffer = TestPayloads.randomBytes(RETAINED_BYTES, 4);
            byte[] original = buffer.clone();
            job.device(0).send(1, dataFrame(0, 1, 1, BytePayload.wrap(buffer, 0, buffer.length)));
            Arrays.fill(buffer, (byte) 0);
            job.awaitUntil(() -> "the frame", () -> job.sink(1).frameCount() == 1);
            assertArrayEquals(original, job.sink(1).frames().get(0).bytes(), "payload");
        }
    }

    // ------------------------------------------------------------------ ordering

    /** Frames between one sender and one receiver arrive in send order, with all pairs interleaved. */
    @Test
    public void deliversFramesInSendOrderPerPair() {
        try (TestJob job = openTestJob(JOB_SIZE, false)) {
            for (int sequence = 1; sequence <= FRAMES_PER_PAIR; sequence++) {
                long seq = sequence;
                eachPair(job, (from, to) -> job.send(from, to, dataFrame(from, to, seq, TestPayloads.longPayload(seq))));
            }
            int expected = (job.size() - 1) * FRAMES_PER_PAIR;
            for (int to = 0; to < job.size(); to++) {
                RecordingSink sink = job.sink(to);
                job.awaitUntil(() -> expected + " frames, got " + sink.frameCount(),
                    () -> sink.frameCount() >= expected);
            }
            eachPair(job, (from, to) -> assertInSendOrder(job.sink(to).framesFrom(from), from, to, FRAMES_PER_PAIR));
        }
    }

    /** Many threads sending to one endpoint at once lose nothing and keep each sender's order. */
    @Test
    public void deliversEverythingFromConcurrentSendersInPerSenderOrder() {
        try (TestJob job = openTestJob(1 + CONCURRENT_SENDERS, false)) {
            CountDownLatch start = new CountDownLatch(1);
            Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
            List<Thread> senders = new ArrayList<>();
            for (int from = 1; from <= CONCURRENT_SENDERS; from++) {
                int sender = from;
                Thread thread = new Thread(() -> sendConcurrently(job, sender, start, failures),
                    "conformance-sender-" + sender);
                thread.setDaemon(true);
                thread.start();
                senders.add(thread);
            }
            start.countDown();
            job.awaitUntil(() -> "the sender threads to finish", endpoint -> endpoint == RECEIVER,
                () -> senders.stream().noneMatch(Thread::isAlive));
            if (!failures.isEmpty()) {
                fail("a sender failed", failures.peek());
            }
            RecordingSink sink = job.sink(RECEIVER);
            int expected = CONCURRENT_SENDERS * FRAMES_PER_SENDER;
            job.awaitUntil(() -> expected + " frames, got " + sink.frameCount(), () -> sink.frameCount() >= expected);
            for (int from = 1; from <= CONCURRENT_SENDERS; from++) {
                assertInSendOrder(sink.framesFrom(from), from, RECEIVER, FRAMES_PER_SENDER);
            }
        }
    }

    private static void sendConcurrently(TestJob job, int from, CountDownLatch start, Queue<Throwable> failures) {
        try {
            start.await();
            Device device = job.device(from);
            for (long sequence = 1; sequence <= FRAMES_PER_SENDER; sequence++) {
                device.send(RECEIVER, dataFrame(from, RECEIVER, sequence, TestPayloads.longPayload(sequence)));
                device.poll();
            }
        } catch (Throwable t) {
            failures.add(t);
        }
    }

    // ------------------------------------------------------------------ closing

    /** When an endpoint closes, the others are told, and sending to it fails with a DeviceException. */
    @Test
    public void tellsTheOthersWhenAnEndpointClosesAndRefusesToSendToIt() {
        try (TestJob job = openTestJob(JOB_SIZE, false)) {
            job.close(GONE);
            awaitGoneNotices(job);
            for (int from = 0; from < job.size(); from++) {
                if (from != GONE) {
                    int sender = from;
                    assertThrows(DeviceException.class,
                        () -> job.device(sender).send(GONE, dataFrame(sender, GONE, 1, TestPayloads.longPayload(1))),
                        () -> "send from " + sender + " to the closed endpoint " + GONE);
                }
            }
        }
    }

    /** The remaining endpoints keep talking after one of them closes. */
    @Test
    public void othersKeepTalkingAfterAnEndpointCloses() {
        try (TestJob job = openTestJob(JOB_SIZE, false)) {
            job.close(GONE);
            awaitGoneNotices(job);
            job.send(0, 2, dataFrame(0, 2, 1, TestPayloads.longPayload(1)));
            job.send(2, 0, dataFrame(2, 0, 1, TestPayloads.longPayload(1)));
            job.awaitUntil(() -> "frames between the remaining endpoints",
                () -> job.sink(0).frameCount() == 1 && job.sink(2).frameCount() == 1);
        }
    }

    /** Closing twice is harmless and the others hear of it once. */
    @Test
    public void closeIsIdempotent() {
        try (TestJob job = openTestJob(JOB_SIZE, false)) {
            job.close(GONE);
            assertDoesNotThrow(() -> job.close(GONE));
            awaitGoneNotices(job);
            job.pollFor(SETTLE);
            for (int other = 0; other < job.size(); other++) {
                if (other != GONE) {
                    assertEquals(1, job.sink(other).goneNotices(GONE), "gone notices at endpoint " + other);
                }
            }
        }
    }

    /** A closed device refuses to send. */
    @Test
    public void closedDeviceRefusesToSend() {
        try (TestJob job = openTestJob(JOB_SIZE, false)) {
            job.close(0);
            assertThrows(DeviceException.class, () -> job.device(0).send(1, dataFrame(0, 1, 1, TestPayloads.longPayload(1))));
        }
    }

    /** Sending to an index outside the job fails with a DeviceException, not an index error. */
    @Test
    public void refusesToSendOutsideTheJob() {
        try (TestJob job = openTestJob(JOB_SIZE, false)) {
            for (int outside : new int[] {-1, job.size()}) {
                assertThrows(DeviceException.class,
                    () -> job.device(0).send(outside, dataFrame(0, outside, 1, TestPayloads.longPayload(1))),
                    () -> "send to endpoint " + outside);
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private TestJob openTestJob(int endpoints, boolean retainPayloads) {
        List<RecordingSink> sinks = new ArrayList<>();
        for (int endpoint = 0; endpoint < endpoints; endpoint++) {
            sinks.add(new RecordingSink(retainPayloads));
        }
        String jobId = "conformance-" + provider().name() + "-" + UUID.randomUUID();
        List<Device> devices = openJob(jobId, endpoints, List.copyOf(sinks));
        assertEquals(endpoints, devices.size(), "openJob must return one device per endpoint");
        return new TestJob(devices, sinks, deliveryTimeout());
    }

    private void assertPayloadDelivered(TestPayloads.Flavour flavour, int size) {
        try (TestJob job = openTestJob(JOB_SIZE, false)) {
            byte[] bytes = TestPayloads.randomBytes(size, size);
            job.send(0, 2, dataFrame(0, 2, 1, flavour.over(bytes)));
            RecordingSink sink = job.sink(2);
            job.awaitUntil(() -> "a frame of " + size + " bytes", () -> sink.frameCount() == 1);
            Received received = sink.frames().get(0);
            assertEquals(0, received.source(), "source endpoint");
            assertArrayEquals(bytes, received.bytes(), "payload");
            assertEquals(0, job.sink(1).frameCount(), "frames at the bystander");
        }
    }

    private static void awaitGoneNotices(TestJob job) {
        for (int other = 0; other < job.size(); other++) {
            if (other != GONE) {
                RecordingSink sink = job.sink(other);
                int endpoint = other;
                job.awaitUntil(() -> "endpoint " + endpoint + " to hear that " + GONE + " is gone; heard " + sink.gone(),
                    () -> sink.goneNotices(GONE) > 0);
            }
        }
    }

    private static void assertInSendOrder(List<Received> frames, int from, int to, int count) {
        assertEquals(count, frames.size(), () -> "frames from " + from + " at " + to);
        for (int i = 0; i < count; i++) {
            Received received = frames.get(i);
            long expected = i + 1L;
            long carried = TestPayloads.longOf(received.bytes());
            if (received.envelope().sequence() != expected || carried != expected || received.envelope().tag() != to) {
                fail("frame " + i + " from " + from + " at " + to + " has sequence " + received.envelope().sequence()
                    + " and payload " + carried + ", expected " + expected);
            }
        }
    }

    private static void assertArrayEquals(byte[] expected, byte[] actual, String what) {
        String difference = TestPayloads.difference(expected, actual);
        if (difference != null) {
            fail(what + ": " + difference);
        }
    }

    /** A data frame whose tag names its destination and whose handles follow its sequence. */
    private static Frame dataFrame(int from, int to, long sequence, Payload payload) {
        int bytes = payload.byteSize();
        return new Frame(DATA_KIND, CONTEXT, from, to, sequence, bytes, bytes, sequence, -sequence, payload);
    }

    /** A frame from {@code from} to {@code to} with extreme values in every envelope field. */
    private static Frame envelopeProbe(int from, int to) {
        byte[] bytes = TestPayloads.randomBytes(13 + from, 31L * from + to);
        return new Frame((byte) (Byte.MIN_VALUE + from), Integer.MAX_VALUE - to, Integer.MIN_VALUE + from,
            -1 - to, Long.MAX_VALUE - from, 3 + to, bytes.length, Long.MIN_VALUE + to, -1L - from,
            BytePayload.wrap(bytes, 0, bytes.length));
    }

    private static byte[] payloadBytes(Frame frame) {
        byte[] bytes = new byte[frame.payload().byteSize()];
        frame.payload().copyTo(0, ByteBuffer.wrap(bytes), 0, bytes.length);
        return bytes;
    }

    private interface PairAction {
        void run(int from, int to);
    }

    private static void eachPair(TestJob job, PairAction action) {
        for (int from = 0; from < job.size(); from++) {
            for (int to = 0; to < job.size(); to++) {
                if (from != to) {
                    action.run(from, to);
                }
            }
        }
    }
}
