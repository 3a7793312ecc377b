package org.mpjcluster.device.tcp;

import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * The one connection between this endpoint and a peer, whichever side opened it: a non-blocking
 * socket with its sending and receiving halves.
 */
final class Connection {

    private final int peer;
    private final SocketChannel channel;
    private final OutgoingFrames outgoing;
    private final IncomingFrames incoming;

    /** {@code onBacklog} runs when outgoing bytes start waiting for room in the socket. */
    Connection(int peer, SocketChannel channel, TcpSettings settings, Runnable onBacklog) {
        this.peer = peer;
        this.channel = channel;
        this.outgoing = new OutgoingFrames(channel, settings.writeSpinNs(), onBacklog);
        this.incoming = new IncomingFrames(channel, settings.maxFrameBytes());
    }

    /** The peer's endpoint. */
    int peer() {
        return peer;
    }

    /** The socket, non-blocking. */
    SocketChannel channel() {
        return channel;
    }

    /** The sending half. */
    OutgoingFrames outgoing() {
        return outgoing;
    }

    /** The receiving half. */
    IncomingFrames incoming() {
        return incoming;
    }

    /** Closes the socket; errors are ignored, since nothing more can be done with it. */
    void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // The socket is unusable either way.
        }
    }
}
