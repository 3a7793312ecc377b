package org.mpjcluster.engine;

import org.mpjcluster.device.Frame;
import org.mpjcluster.device.Payload;

/**
 * A message that arrived before a matching receive was posted.
 *
 * @param endpoint the endpoint it came from
 * @param frame    its envelope (EAGER, EAGER_SYNC or READY_TO_SEND)
 * @param payload  its data, retained (or kept by the sender, for a rendezvous by reference), or
 *                 {@code null} if the data comes later
 */
record Incoming(int endpoint, Frame frame, Payload payload) {

    boolean matches(int context, int source, int tag) {
        return frame.context() == context
            && (source == Ranks.ANY_SOURCE || source == frame.source())
            && (tag == Ranks.ANY_TAG || tag == frame.tag());
    }
}
