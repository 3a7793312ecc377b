package org.mpjcluster.engine;

/**
 * Frame kinds of the engine-to-engine protocol. Devices carry them as an opaque byte.
 *
 * <pre>
 *  eager:        sender ── EAGER(envelope, data) ─────────────────────► receiver
 *  synchronous:  sender ── EAGER_SYNC(envelope, data, h) ─────────────► receiver
 *                sender ◄─ ACK(h) ─────────────── on match ─────────── receiver
 *  rendezvous:   sender ── RTS(envelope, h[, data by reference]) ─────► receiver
 *   by reference sender ◄─ ACK(h) ────────────── after the copy ────── receiver
 *   by bytes     sender ◄─ CTS(h, r) ─────────── on match ─────────── receiver
 *                sender ── DATA(r, data) ─────────────────────────────► receiver
 * </pre>
 */
final class Protocol {
    /** Message with its data, complete on arrival. */
    static final byte EAGER = 1;
    /** Message with its data whose sender waits for the match. */
    static final byte EAGER_SYNC = 2;
    /** Request to send a large message; carries the data only on memory-sharing devices. */
    static final byte READY_TO_SEND = 3;
    /** Receiver matched a rendezvous and asks for the data. */
    static final byte CLEAR_TO_SEND = 4;
    /** The data of a rendezvous. */
    static final byte DATA = 5;
    /** Receiver matched (and, by reference, copied) the message. */
    static final byte ACK = 6;

    private Protocol() {
    }
}
