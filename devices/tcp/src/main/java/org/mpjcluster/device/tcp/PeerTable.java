package org.mpjcluster.device.tcp;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * What this endpoint knows of each peer: nothing yet, a connection being opened by this side, the
 * connection, or gone. Transitions are compare-and-set, so the sending threads and the agent agree
 * on one connection per peer.
 *
 * <p><b>Tie-break.</b> Either side connects on its first send. If both do at once, the connection
 * opened by the lower rank wins: an endpoint that is itself connecting accepts an incoming
 * connection from a lower rank (it replaces its own attempt, which the peer declines) and declines
 * one from a higher rank (whose own attempt it will accept). No frame travels before the winner is
 * installed on both sides, so none is lost or reordered.
 */
final class PeerTable {

    /** This side is opening a connection to the peer. */
    static final Object CONNECTING = new Object() {
        @Override
        public String toString() {
            return "connecting";
        }
    };

    /** A peer that is gone, and why. */
    record Gone(String reason) {
    }

    /** What to do with an incoming connection. */
    enum Offer {
        /** It is now the connection to the peer. */
        ACCEPTED,
        /** This side's own attempt wins the tie-break. */
        DECLINED,
        /** The peer is already connected or gone: a second connection is not allowed. */
        REFUSED
    }

    private final int local;
    private final AtomicReferenceArray<Object> states;
    private volatile Connection[] connected = new Connection[0];

    PeerTable(int local, int endpointCount) {
        this.local = local;
        this.states = new AtomicReferenceArray<>(endpointCount);
    }

    /** The state of {@code peer}: {@code null}, {@link #CONNECTING}, a {@link Connection} or a {@link Gone}. */
    Object state(int peer) {
        return states.get(peer);
    }

    /** Claims the right to connect to {@code peer}; false if something is already there. */
    boolean startConnecting(int peer) {
        return states.compareAndSet(peer, null, CONNECTING);
    }

    /** Installs this side's connection in place of its {@link #CONNECTING} mark; false if replaced meanwhile. */
    boolean connected(Connection connection) {
        return install(CONNECTING, connection);
    }

    /**
     * Gives up this side's attempt to connect: marks {@code peer} gone unless the attempt was
     * replaced meanwhile (by the peer's own connection); returns whether it was marked.
     */
    boolean abandon(int peer, String reason) {
        return states.compareAndSet(peer, CONNECTING, new Gone(reason));
    }

    /** Decides on, and if accepted installs, a connection the peer opened. */
    Offer offer(Connection incoming) {
        int peer = incoming.peer();
        while (true) {
            Object state = states.get(peer);
            if (state == null || (state == CONNECTING && peer < local)) {
                if (install(state, incoming)) {
                    return Offer.ACCEPTED;
                }
            } else {
                return state == CONNECTING ? Offer.DECLINED : Offer.REFUSED;
            }
        }
    }

    /**
     * Marks {@code peer} gone unless it already is; returns the state it leaves (a connection to
     * close, say), or {@code null} if it was already gone. The first reason sticks.
     */
    Object markGone(int peer, String reason) {
        Gone gone = new Gone(reason);
        while (true) {
            Object state = states.get(peer);
            if (state instanceof Gone) {
                return null;
            }
            if (states.compareAndSet(peer, state, gone)) {
                if (state instanceof Connection connection) {
                    remove(connection);
                }
                return state == null ? gone : state;
            }
        }
    }

    /** The connections open now, for polling without looking at every peer. */
    Connection[] connected() {
        return connected;
    }

    /** Number of endpoints in the job. */
    int endpointCount() {
        return states.length();
    }

    private boolean install(Object expected, Connection connection) {
        synchronized (this) {
            if (!states.compareAndSet(connection.peer(), expected, connection)) {
                return false;
            }
            Connection[] grown = Arrays.copyOf(connected, connected.length + 1);
            grown[connected.length] = connection;
            connected = grown;
            return true;
        }
    }

    private synchronized void remove(Connection connection) {
        connected = Arrays.stream(connected).filter(c -> c != connection).toArray(Connection[]::new);
    }
}
