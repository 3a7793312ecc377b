package org.mpjcluster.device.shm;

import org.jctools.queues.SpscUnboundedArrayQueue;
import org.mpjcluster.device.FrameSink;
import org.mpjcluster.device.PayloadView;

/**
 * The receiving end of one {@link Channel}, owned by the receiving endpoint: takes frames in
 * channel order from the ring and the queue and hands them to the sink.
 */
final class Intake {

    private static final int PADDING_INTS = 32;

    private final Channel channel;
    private final SlotRing.Reader ring;
    private final int source;
    private final FrameSink sink;
    private final PayloadView view = new PayloadView();
    /** The channel sequence of the next frame, in the middle of a padded array: written per frame. */
    private final int[] nextSequence = new int[2 * PADDING_INTS + 1];

    Intake(Channel channel, int source, FrameSink sink) {
        this.channel = channel;
        this.ring = channel.ring().reader();
        this.source = source;
        this.sink = sink;
        this.nextSequence[PADDING_INTS] = 1;
    }

    /** Whether a frame waits in the ring or the queue. Reads only; any thread may ask. */
    boolean hasWaiting() {
        return ring.hasRecord() || !channel.queue().isEmpty();
    }

    /**
     * Delivers the next frame in channel order if it has arrived; returns whether it did. Takes
     * one frame only: looking for another at once would read the slot after this record, on the
     * critical path of a reply the sink may be about to send.
     */
    boolean deliverNext() {
        int next = nextSequence[PADDING_INTS];
        int index = ring.next();
        if (index >= 0 && RecordDescriptor.channelSequence(ring.buffer(), index) == next) {
            nextSequence[PADDING_INTS] = next + 1;
            int slots = SlotRing.slotsFor(RecordDescriptor.recordBytesAt(ring.buffer(), index));
            try {
                sink.onFrame(source, RecordDescriptor.read(ring.buffer(), ring.bytes(), index, view));
            } finally {
                ring.release(slots);
            }
            return true;
        }
        SpscUnboundedArrayQueue<Channel.Queued> queue = channel.queue();
        Channel.Queued queued = queue.relaxedPeek();
        if (queued != null && queued.sequence() == next) {
            queue.relaxedPoll();
            nextSequence[PADDING_INTS] = next + 1;
            sink.onFrame(source, queued.frame());
            return true;
        }
        return false;
    }
}
