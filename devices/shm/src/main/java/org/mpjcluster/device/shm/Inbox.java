package org.mpjcluster.device.shm;

import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jctools.queues.MpscUnboundedArrayQueue;
import org.mpjcluster.device.Frame;
import org.mpjcluster.device.FrameSink;

/**
 * The frames waiting for one endpoint: a multi-producer, single-consumer queue that senders append
 * to on their own threads and that the endpoint's threads drain when they poll. Matching and
 * copying thus happen on the receiving rank's thread, and a sender touches only the queue's tail.
 */
final class Inbox {

    private static final int CHUNK_SIZE = 1024;
    private static final int MAX_BATCH = 256;

    /** A frame with the endpoint that sent it. */
    private record Delivery(int source, Frame frame) {
    }

    private final MpscUnboundedArrayQueue<Delivery> queue = new MpscUnboundedArrayQueue<>(CHUNK_SIZE);
    private final AtomicBoolean draining = new AtomicBoolean();
    private final FrameSink sink;

    Inbox(FrameSink sink) {
        this.sink = sink;
    }

    /** Appends a frame (any thread) and wakes the endpoint if it is parked. */
    void offer(int source, Frame frame) {
        queue.offer(new Delivery(source, frame));
        // The endpoint registers as parked, then checks the queue; this fence orders our append
        // before our look at its registration, so one of the two always sees the other.
        VarHandle.fullFence();
        sink.wake();
    }

    /** Tells the endpoint that {@code gone} has left; frames it sent before stay queued. */
    void endpointGone(int gone, String reason) {
        sink.onEndpointGone(gone, reason);
        sink.wake();
    }

    /**
     * Delivers waiting frames to the sink on the calling thread; returns how many. One thread
     * drains at a time; others return 0 at once.
     */
    int drain() {
        // Peeking reads only the next slot, the one line a sender writes; the queue's indices stay
        // in the senders' caches while an idle receiver spins here.
        if (queue.relaxedPeek() == null || !draining.compareAndSet(false, true)) {
            return 0;
        }
        int delivered = 0;
        try {
            Delivery delivery;
            while (delivered < MAX_BATCH && (delivery = queue.relaxedPoll()) != null) {
                sink.onFrame(delivery.source(), delivery.frame());
                delivered++;
            }
        } finally {
            draining.set(false);
        }
        return delivered;
    }
}
