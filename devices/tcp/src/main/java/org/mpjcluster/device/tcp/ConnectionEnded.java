package org.mpjcluster.device.tcp;

/** A connection ended: the peer said goodbye, its stream ended, or it broke the protocol. */
final class ConnectionEnded extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean normal;

    /** {@code reason} is what the engine reports; {@code normal} when the peer said goodbye. */
    ConnectionEnded(String reason, boolean normal) {
        super(reason, null, false, false);
        this.normal = normal;
    }

    /** Whether the peer ended the connection with a goodbye. */
    boolean normal() {
        return normal;
    }
}
