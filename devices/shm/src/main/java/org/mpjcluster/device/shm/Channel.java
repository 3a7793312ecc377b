package org.mpjcluster.device.shm;

import org.jctools.queues.SpscUnboundedArrayQueue;
import org.mpjcluster.device.Frame;

/**
 * The frames one endpoint sends another, in order. A frame whose payload fits is copied into a
 * {@link SlotRing}, so the receiver reads envelope and data from the cache lines the sender wrote
 * and nothing else; a frame passed by reference (a rendezvous, whose data the receiver copies
 * straight from the sender's array) or one that finds the ring full goes through an unbounded
 * queue, so that a send never waits for the receiver. Every frame carries a channel sequence
 * number and the receiver takes them in that order from whichever of the two holds the next one.
 *
 * <p>One sender and one receiver: an {@link Outlet} writes, an {@link Intake} reads, each through
 * its own side of the ring.
 */
final class Channel {

    /** A frame waiting in the queue, with its place in the channel's order. */
    record Queued(int sequence, Frame frame) {
    }

    private static final int QUEUE_CHUNK = 64;
    /** The largest record is an eighth of the ring, so that a full ring still holds eight. */
    private static final int RECORDS_PER_RING = 8;

    private final SlotRing ring;
    private final int maxInlinePayload;
    private final SpscUnboundedArrayQueue<Queued> queue = new SpscUnboundedArrayQueue<>(QUEUE_CHUNK);

    /** A channel whose ring holds {@code ringBytes} bytes (a power of two). */
    Channel(int ringBytes) {
        this.ring = new SlotRing(ringBytes);
        this.maxInlinePayload = inlinePayloadLimit(ringBytes);
    }

    /** The largest payload a channel with a ring of {@code ringBytes} copies; larger ones pass by reference. */
    static int inlinePayloadLimit(int ringBytes) {
        return RecordDescriptor.maxPayloadBytes(ringBytes / RECORDS_PER_RING);
    }

    /** The ring, whose sides each end opens for itself. */
    SlotRing ring() {
        return ring;
    }

    /** The largest payload this channel copies; larger ones pass by reference. */
    int payloadLimit() {
        return maxInlinePayload;
    }

    /** The queue for frames that do not travel in the ring. */
    SpscUnboundedArrayQueue<Queued> queue() {
        return queue;
    }
}
