package org.mpjcluster.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.mpjcluster.device.CacheLinePadding;

/**
 * The posted-receive queue and the unexpected-message queue of one rank, both in arrival order,
 * which is what gives MPI its non-overtaking order. Both are intrusive lists whose ends live in
 * this object next to their lock, so matching touches one cache line of bookkeeping, and the rank
 * writes that line on every message: it is {@linkplain CacheLinePadding padded} on both sides. Callers hold the lock ({@link #lock()} ... {@link #unlock()}).
 *
 * <p>The lock spins rather than parks (a monitor would inflate under the rare contention between a
 * delivering sender and the owner posting a receive, and an inflated monitor parks): critical
 * sections are a few list operations, and the longest copies at most the eager limit.
 */
@SuppressWarnings("unused") // the trailing padding
final class MatchQueues extends MatchQueueEnds {

    private static final VarHandle LOCKED;
    private static final int SPINS_BEFORE_YIELD = 100;

    static {
        try {
            LOCKED = MethodHandles.lookup().findVarHandle(MatchQueueEnds.class, "locked", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private long q00, q01, q02, q03, q04, q05, q06, q07;
    private long q08, q09, q10, q11, q12, q13, q14, q15;

    /** Takes the lock, spinning (then yielding, so a descheduled holder can finish) while it is held. */
    void lock() {
        int spins = 0;
        while (!LOCKED.compareAndSet(this, 0, 1)) {
            if (++spins < SPINS_BEFORE_YIELD) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    /** Releases the lock. */
    void unlock() {
        LOCKED.setRelease(this, 0);
    }

    /** Removes and returns the oldest posted receive matching the envelope, or {@code null}. */
    ReceiveOperation takePosted(int context, int source, int tag) {
        ReceiveOperation previous = null;
        for (ReceiveOperation receive = postedHead; receive != null; receive = receive.next) {
            if (receive.matches(context, source, tag)) {
                unlinkPosted(previous, receive);
                return receive;
            }
            previous = receive;
        }
        return null;
    }

    /** Removes and returns the oldest unexpected message {@code receive} matches, or {@code null}. */
    Incoming takeUnexpected(ReceiveOperation receive) {
        Incoming previous = null;
        for (Incoming message = unexpectedHead; message != null; message = message.next) {
            if (receive.matches(message.frame.context(), message.frame.source(), message.frame.tag())) {
                if (previous == null) {
                    unexpectedHead = message.next;
                } else {
                    previous.next = message.next;
                }
                if (unexpectedTail == message) {
                    unexpectedTail = previous;
                }
                message.next = null;
                return message;
            }
            previous = message;
        }
        return null;
    }

    /** The oldest unexpected message matching the pattern, left in the queue, or {@code null}. */
    Incoming peekUnexpected(int context, int source, int tag) {
        for (Incoming message = unexpectedHead; message != null; message = message.next) {
            if (message.matches(context, source, tag)) {
                return message;
            }
        }
        return null;
    }

    void post(ReceiveOperation receive) {
        if (postedTail == null) {
            postedHead = receive;
        } else {
            postedTail.next = receive;
        }
        postedTail = receive;
    }

    boolean removePosted(ReceiveOperation receive) {
        ReceiveOperation previous = null;
        for (ReceiveOperation candidate = postedHead; candidate != null; candidate = candidate.next) {
            if (candidate == receive) {
                unlinkPosted(previous, candidate);
                return true;
            }
            previous = candidate;
        }
        return false;
    }

    void addUnexpected(Incoming message) {
        if (unexpectedTail == null) {
            unexpectedHead = message;
        } else {
            unexpectedTail.next = message;
        }
        unexpectedTail = message;
    }

    private void unlinkPosted(ReceiveOperation previous, ReceiveOperation receive) {
        if (previous == null) {
            postedHead = receive.next;
        } else {
            previous.next = receive.next;
        }
        if (postedTail == receive) {
            postedTail = previous;
        }
        receive.next = null;
    }
}
