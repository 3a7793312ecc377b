package org.mpjcluster.device.conformance;

import org.mpjcluster.device.Frame;
import org.mpjcluster.device.Payload;

/**
 * One frame as a sink saw it, copied during the delivery.
 *
 * @param source   the endpoint the device said the frame came from
 * @param envelope the frame with its payload left out
 * @param bytes    the payload bytes, or {@code null} if the frame had no payload
 * @param retained what {@link Payload#retain()} returned during the delivery, or {@code null}
 */
record Received(int source, Frame envelope, byte[] bytes, Payload retained) {

    /** {@code frame} without its payload, so envelopes compare with {@code equals}. */
    static Frame envelopeOf(Frame frame) {
        return new Frame(frame.kind(), frame.context(), frame.source(), frame.tag(), frame.sequence(),
            frame.elementCount(), frame.byteSize(), frame.sendHandle(), frame.receiveHandle(), null);
    }
}
