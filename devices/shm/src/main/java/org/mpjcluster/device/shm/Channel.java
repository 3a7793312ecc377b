package org.mpjcluster.device.shm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.jctools.queues.SpscUnboundedArrayQueue;
import org.mpjcluster.device.Frame;

/**
 * The frames one endpoint sends another, in order. A frame whose payload fits is copied into a
 * ring of bytes, so the receiver reads envelope and data from the cache lines the sender wrote and
 * nothing else; a frame passed by reference (a rendezvous, whose data the receiver copies straight
 * from the sender's array) or one that finds the ring full goes through an unbounded queue, so
 * that a send never waits for the receiver. Every frame carries a channel sequence number and the
 * receiver takes them in that order from whichever of the two holds the next one.
 *
 * <p>One sender and one receiver: an {@link Outlet} writes under its lock, an {@link Intake} reads.
 */
final class Channel {

    /** A frame waiting in the queue, with its place in the channel's order. */
    record Queued(int sequence, Frame frame) {
    }

    private static final int QUEUE_CHUNK = 64;
    /** Agrona's rings take records of up to an eighth of their capacity. */
    private static final int RECORDS_PER_RING = 8;

    private final RingBuffer ring;
    private final ByteBuffer ringBytes;
    /** The sender's window on the ring, moved to each payload it writes: no view allocated per frame. */
    private final ByteBuffer payloadWindow;
    private final int maxInlinePayload;
    private final SpscUnboundedArrayQueue<Queued> queue = new SpscUnboundedArrayQueue<>(QUEUE_CHUNK);

    /** A channel whose ring holds {@code ringBytes} bytes (a power of two). */
    Channel(int ringBytes) {
        ByteBuffer memory = BufferUtil.allocateDirectAligned(ringBytes + RingBufferDescriptor.TRAILER_LENGTH,
            RecordDescriptor.CACHE_LINE_BYTES);
        this.ring = new OneToOneRingBuffer(new UnsafeBuffer(memory));
        this.ringBytes = memory;
        this.payloadWindow = memory.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.maxInlinePayload = inlinePayloadLimit(ringBytes);
    }

    /** The largest payload a channel with a ring of {@code ringBytes} copies; larger ones pass by reference. */
    static int inlinePayloadLimit(int ringBytes) {
        return RecordDescriptor.maxPayloadBytes(ringBytes / RECORDS_PER_RING);
    }

    /**
     * Copies {@code frame} into the ring as number {@code sequence}; returns false if it does not
     * fit now. Sender side.
     */
    boolean tryCopy(int sequence, Frame frame) {
        int payloadBytes = frame.payload() == null ? 0 : frame.payload().byteSize();
        if (payloadBytes > maxInlinePayload) {
            return false;
        }
        int index = ring.tryClaim(RecordDescriptor.typeOf(frame.kind()), RecordDescriptor.claimBytes(payloadBytes));
        if (index < 0) {
            return false;
        }
        RecordDescriptor.write(ring.buffer(), payloadWindow, index, sequence, frame);
        ring.commit(index);
        return true;
    }

    /** Queues {@code frame} as number {@code sequence}. Sender side. */
    void enqueue(int sequence, Frame frame) {
        queue.offer(new Queued(sequence, frame));
    }

    /** The largest payload this channel copies; larger ones pass by reference. */
    int payloadLimit() {
        return maxInlinePayload;
    }

    /** The ring. Receiver side. */
    RingBuffer ring() {
        return ring;
    }

    /** The ring's memory as a buffer, for payload views. Receiver side. */
    ByteBuffer ringBytes() {
        return ringBytes;
    }

    /** The queue. Receiver side. */
    SpscUnboundedArrayQueue<Queued> queue() {
        return queue;
    }
}
