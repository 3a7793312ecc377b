package org.mpjcluster.engine;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The posted-receive queue and the unexpected-message queue of one rank, both in arrival order,
 * which is what gives MPI its non-overtaking order. Not thread-safe: the engine guards it.
 */
final class MatchQueues {

    private final ArrayDeque<ReceiveOperation> posted = new ArrayDeque<>();
    private final ArrayDeque<Incoming> unexpected = new ArrayDeque<>();

    /** Removes and returns the oldest posted receive matching the envelope, or {@code null}. */
    ReceiveOperation takePosted(int context, int source, int tag) {
        ReceiveOperation oldest = posted.peekFirst();
        if (oldest == null) {
            return null;
        }
        if (oldest.matches(context, source, tag)) {
            return posted.pollFirst();
        }
        for (Iterator<ReceiveOperation> it = posted.iterator(); it.hasNext(); ) {
            ReceiveOperation receive = it.next();
            if (receive.matches(context, source, tag)) {
                it.remove();
                return receive;
            }
        }
        return null;
    }

    /** Removes and returns the oldest unexpected message {@code receive} matches, or {@code null}. */
    Incoming takeUnexpected(ReceiveOperation receive) {
        Incoming oldest = unexpected.peekFirst();
        if (oldest == null) {
            return null;
        }
        if (receive.matches(oldest.frame().context(), oldest.frame().source(), oldest.frame().tag())) {
            return unexpected.pollFirst();
        }
        for (Iterator<Incoming> it = unexpected.iterator(); it.hasNext(); ) {
            Incoming message = it.next();
            if (receive.matches(message.frame().context(), message.frame().source(), message.frame().tag())) {
                it.remove();
                return message;
            }
        }
        return null;
    }

    /** The oldest unexpected message matching the pattern, left in the queue, or {@code null}. */
    Incoming peekUnexpected(int context, int source, int tag) {
        for (Incoming message : unexpected) {
            if (message.matches(context, source, tag)) {
                return message;
            }
        }
        return null;
    }

    void post(ReceiveOperation receive) {
        posted.addLast(receive);
    }

    boolean removePosted(ReceiveOperation receive) {
        return posted.remove(receive);
    }

    void addUnexpected(Incoming message) {
        unexpected.addLast(message);
    }
}
