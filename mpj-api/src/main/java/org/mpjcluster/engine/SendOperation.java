package org.mpjcluster.engine;

import org.mpjcluster.device.Payload;

/** A send in progress; keeps its payload until the receiver has taken it. */
public final class SendOperation extends Operation {

    private final Payload payload;
    private final int elements;

    SendOperation(int destinationEndpoint, Payload payload, int elements) {
        super(destinationEndpoint);
        this.payload = payload;
        this.elements = elements;
    }

    Payload payload() {
        return payload;
    }

    int elements() {
        return elements;
    }

    /** A send that has nothing left to do (to {@code PROC_NULL}, or already delivered). */
    public static SendOperation completed() {
        SendOperation op = new SendOperation(ANY_PEER, null, 0);
        op.complete();
        return op;
    }
}
