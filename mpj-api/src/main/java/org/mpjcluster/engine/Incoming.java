package org.mpjcluster.engine;

import org.mpjcluster.device.Frame;
import org.mpjcluster.device.Payload;

/**
 * A message that arrived before a matching receive was posted: a link of the unexpected queue.
 */
final class Incoming {

    /** The endpoint it came from. */
    final int endpoint;
    /** Its envelope (EAGER, EAGER_SYNC or READY_TO_SEND). */
    final Frame frame;
    /** Its data: retained, kept valid by the sender (rendezvous by reference), or {@code null} if it comes later. */
    final Payload payload;
    /** Next in the unexpected queue; guarded by the queue's lock. */
    Incoming next;

    Incoming(int endpoint, Frame frame, Payload payload) {
        this.endpoint = endpoint;
        this.frame = frame;
        this.payload = payload;
    }

    boolean matches(int context, int source, int tag) {
        return frame.context() == context
            && (source == Ranks.ANY_SOURCE || source == frame.source())
            && (tag == Ranks.ANY_TAG || tag == frame.tag());
    }
}
