package org.mpjcluster.device.tcp;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.mpjcluster.device.FrameSink;

/**
 * Peers leaving: marks them gone (closing their connection) and queues a notice for the sink, which
 * the rank receives when it next polls, after every frame the peer sent before. Any thread may
 * report a departure; each peer is reported once.
 */
final class Departures {

    /** A peer that left, and why. */
    private record Notice(int peer, String reason) {
    }

    private final PeerTable peers;
    private final FrameSink sink;
    private final Runnable afterClosing;
    private final Queue<Notice> notices = new ConcurrentLinkedQueue<>();

    /**
     * Reports to {@code sink}; {@code afterClosing} runs after a connection is closed (the agent
     * must look at its selector for the socket to be released).
     */
    Departures(PeerTable peers, FrameSink sink, Runnable afterClosing) {
        this.peers = peers;
        this.sink = sink;
        this.afterClosing = afterClosing;
    }

    /** {@code peer} is gone for {@code reason}; returns false if that was known already. */
    boolean depart(int peer, String reason) {
        Object previous = peers.markGone(peer, reason);
        if (previous == null) {
            return false;
        }
        if (previous instanceof Connection connection) {
            connection.close();
            afterClosing.run();
        }
        announce(peer, reason);
        return true;
    }

    /** This side could not connect to {@code peer}; reports it unless the peer's own connection won. */
    boolean abandon(int peer, String reason) {
        if (!peers.abandon(peer, reason)) {
            return false;
        }
        announce(peer, reason);
        return true;
    }

    /** Hands the queued notices to the sink on the calling (polling) thread; returns how many. */
    int deliver() {
        int delivered = 0;
        Notice notice;
        while ((notice = notices.poll()) != null) {
            sink.onEndpointGone(notice.peer(), notice.reason());
            delivered++;
        }
        return delivered;
    }

    private void announce(int peer, String reason) {
        notices.add(new Notice(peer, reason));
        sink.wake();
    }
}
