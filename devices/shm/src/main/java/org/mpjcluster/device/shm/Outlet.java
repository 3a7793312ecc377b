package org.mpjcluster.device.shm;

import org.jctools.util.PaddedAtomicLong;
import org.mpjcluster.device.Frame;

/**
 * The sending end of one {@link Channel}, owned by the sending endpoint: numbers the frames and
 * chooses ring or queue for each. Threads of one rank may send at once, so numbering and
 * appending happen under a lock. Lock and count share one word on cache lines of its own, written
 * by the sender alone, so taking the lock costs the receiver nothing.
 */
final class Outlet {

    /** The value of {@link #lastSequence} while a thread appends. */
    private static final long APPENDING = -1;

    private final Channel channel;
    private final SlotRing.Writer ring;
    private final Inbox receiver;
    /** The number of the last frame appended, or {@link #APPENDING} while a thread appends. */
    private final PaddedAtomicLong lastSequence = new PaddedAtomicLong();

    Outlet(Channel channel, Inbox receiver) {
        this.channel = channel;
        this.ring = channel.ring().writer();
        this.receiver = receiver;
    }

    /**
     * Appends {@code frame}, then wakes the receiver. A payload that does not travel in the ring
     * is passed by reference: if it is one the ring would normally have copied, it is copied now,
     * since the caller may reuse its buffer as soon as this returns.
     */
    void send(Frame frame) {
        long last = startAppending();
        long sequence = last + 1;
        boolean appended = false;
        try {
            if (!tryCopy((int) sequence, frame)) {
                channel.queue().offer(new Channel.Queued((int) sequence, stable(frame)));
            }
            appended = true;
        } finally {
            lastSequence.lazySet(appended ? sequence : last);
        }
        receiver.wake();
    }

    /** Takes the lock; returns the number of the last frame appended. */
    private long startAppending() {
        while (true) {
            long last = lastSequence.get();
            if (last != APPENDING && lastSequence.compareAndSet(last, APPENDING)) {
                return last;
            }
            Thread.onSpinWait();
        }
    }

    /** Copies {@code frame} into the ring as number {@code sequence}; returns false if it does not fit now. */
    private boolean tryCopy(int sequence, Frame frame) {
        int payloadBytes = frame.payload() == null ? 0 : frame.payload().byteSize();
        if (payloadBytes > channel.payloadLimit()) {
            return false;
        }
        int index = ring.claim(RecordDescriptor.recordBytes(payloadBytes));
        if (index < 0) {
            return false;
        }
        RecordDescriptor.write(ring.buffer(), ring.bytes(), index, sequence, frame);
        ring.publish(index);
        ring.prepareNext();
        return true;
    }

    private Frame stable(Frame frame) {
        if (frame.payload() == null || frame.payload().byteSize() > channel.payloadLimit()) {
            return frame;
        }
        return new Frame(frame.kind(), frame.context(), frame.source(), frame.tag(), frame.sequence(),
            frame.elementCount(), frame.byteSize(), frame.sendHandle(), frame.receiveHandle(),
            frame.payload().retain());
    }
}
