package org.mpjcluster.device;

/** A device could not carry out an operation, for example because the peer is gone. */
public final class DeviceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message saying what failed and with which peer. */
    public DeviceException(String message) {
        super(message);
    }
}
