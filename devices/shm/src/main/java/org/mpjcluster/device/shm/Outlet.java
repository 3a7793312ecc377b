package org.mpjcluster.device.shm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.mpjcluster.device.Frame;

/**
 * The sending end of one {@link Channel}, owned by the sending endpoint: numbers the frames and
 * chooses ring or queue for each. Threads of one rank may send at once, so numbering and
 * appending happen under a lock; it lives here, in memory only the sender writes, so taking it
 * costs the receiver nothing.
 */
final class Outlet {

    private static final VarHandle LOCKED;

    static {
        try {
            LOCKED = MethodHandles.lookup().findVarHandle(Outlet.class, "locked", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Channel channel;
    private final Inbox receiver;
    @SuppressWarnings("unused") // accessed through LOCKED
    private volatile int locked;
    private int lastSequence;

    Outlet(Channel channel, Inbox receiver) {
        this.channel = channel;
        this.receiver = receiver;
    }

    /** The inbox this outlet delivers to. */
    Inbox receiver() {
        return receiver;
    }

    /**
     * Appends {@code frame}, then wakes the receiver. A payload that does not travel in the ring
     * is passed by reference: if it is one the ring would normally have copied, it is copied now,
     * since the caller may reuse its buffer as soon as this returns.
     */
    void send(Frame frame) {
        while (!LOCKED.compareAndSet(this, 0, 1)) {
            Thread.onSpinWait();
        }
        try {
            int sequence = ++lastSequence;
            if (!channel.tryCopy(sequence, frame)) {
                channel.enqueue(sequence, stable(frame));
            }
        } finally {
            LOCKED.setRelease(this, 0);
        }
        receiver.wake();
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
