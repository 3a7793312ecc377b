package org.mpjcluster.device.conformance;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.mpjcluster.device.Frame;
import org.mpjcluster.device.FrameSink;
import org.mpjcluster.device.Payload;

/**
 * A sink that records what a device delivers. Payload bytes are copied inside {@link #onFrame},
 * because a payload is valid only during the call. Safe to call from many threads at once.
 */
final class RecordingSink implements FrameSink {

    /** One {@link #onEndpointGone} notice. */
    record Gone(int endpoint, String reason) {
    }

    private final boolean retainPayloads;
    private final Queue<Received> frames = new ConcurrentLinkedQueue<>();
    private final AtomicInteger frameCount = new AtomicInteger();
    private final Queue<Gone> gone = new ConcurrentLinkedQueue<>();

    /** A sink that, if {@code retainPayloads}, also keeps what {@link Payload#retain()} returns. */
    RecordingSink(boolean retainPayloads) {
        this.retainPayloads = retainPayloads;
    }

    @Override
    public void onFrame(int source, Frame frame) {
        Payload payload = frame.payload();
        byte[] bytes = null;
        Payload retained = null;
        if (payload != null) {
            bytes = new byte[payload.byteSize()];
            payload.copyTo(0, ByteBuffer.wrap(bytes), 0, bytes.length);
            retained = retainPayloads ? payload.retain() : null;
        }
        frames.add(new Received(source, Received.envelopeOf(frame), bytes, retained));
        frameCount.incrementAndGet();
    }

    @Override
    public void onEndpointGone(int endpoint, String reason) {
        gone.add(new Gone(endpoint, reason));
    }

    /** Number of frames delivered so far. */
    int frameCount() {
        return frameCount.get();
    }

    /** The frames delivered so far, in delivery order. */
    List<Received> frames() {
        return new ArrayList<>(frames);
    }

    /** The frames delivered so far from {@code source}, in delivery order. */
    List<Received> framesFrom(int source) {
        return frames.stream().filter(r -> r.source() == source).toList();
    }

    /** Number of notices saying {@code endpoint} is gone. */
    long goneNotices(int endpoint) {
        return gone.stream().filter(g -> g.endpoint() == endpoint).count();
    }

    /** Every gone notice so far, for failure messages. */
    List<Gone> gone() {
        return new ArrayList<>(gone);
    }
}
