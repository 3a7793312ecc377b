package org.mpjcluster.device.tcp;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The accepting side of the handshake, run by the agent thread so that a peer's connect never waits
 * for this rank to poll. Reads each incoming handshake without blocking, checks job, secret and
 * rank, and installs the connection, declines it (tie-break), takes note of a farewell, or refuses
 * it: closes it and logs why, while the job carries on.
 */
final class Acceptor {

    private static final System.Logger LOG = System.getLogger(Acceptor.class.getName());

    /** An incoming connection whose handshake is not complete yet. */
    private static final class Pending {
        final SocketChannel channel;
        final long deadlineNs;
        ByteBuffer buffer = ByteBuffer.allocate(HandshakeDescriptor.FIXED_LENGTH).order(ByteOrder.LITTLE_ENDIAN);

        Pending(SocketChannel channel, long deadlineNs) {
            this.channel = channel;
            this.deadlineNs = deadlineNs;
        }
    }

    private final int local;
    private final HandshakeDescriptor.Credentials credentials;
    private final TcpSettings settings;
    private final PeerTable peers;
    private final Departures departures;
    private final Runnable onBacklog;
    private final List<Pending> pending = new ArrayList<>();

    /** {@code onBacklog} is handed to the connections it accepts (see {@link Connection}). */
    Acceptor(int local, HandshakeDescriptor.Credentials credentials, TcpSettings settings, PeerTable peers,
             Departures departures, Runnable onBacklog) {
        this.onBacklog = onBacklog;
        this.local = local;
        this.credentials = credentials;
        this.settings = settings;
        this.peers = peers;
        this.departures = departures;
    }

    /** Accepts every waiting connection and registers it with {@code selector} for its handshake. */
    void accept(ServerSocketChannel server, Selector selector) {
        SocketChannel channel;
        while ((channel = acceptOne(server)) != null) {
            try {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                Pending handshake = new Pending(channel, System.nanoTime() + settings.connectTimeout().toNanos());
                channel.register(selector, SelectionKey.OP_READ, handshake);
                pending.add(handshake);
            } catch (IOException e) {
                closeQuietly(channel);
            }
        }
    }

    /** Whether {@code attachment} is a handshake this acceptor is reading. */
    static boolean isHandshake(Object attachment) {
        return attachment instanceof Pending;
    }

    /** Reads more of the handshake on {@code key} and acts on it once complete. */
    void progress(SelectionKey key) {
        Pending handshake = (Pending) key.attachment();
        try {
            if (handshake.channel.read(handshake.buffer) < 0) {
                refuse(handshake, "closed before completing its handshake");
                return;
            }
        } catch (IOException e) {
            refuse(handshake, "failed during its handshake: " + e.getMessage());
            return;
        }
        if (handshake.buffer.hasRemaining()) {
            return;
        }
        if (handshake.buffer.capacity() == HandshakeDescriptor.FIXED_LENGTH) {
            String violation = HandshakeDescriptor.violation(handshake.buffer);
            if (violation != null) {
                refuse(handshake, "sent " + violation);
                return;
            }
            int total = HandshakeDescriptor.totalLength(handshake.buffer);
            handshake.buffer = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN).put(handshake.buffer.flip());
            if (handshake.buffer.hasRemaining()) {
                return;
            }
        }
        decide(key, handshake);
    }

    /** Refuses handshakes that did not complete within the connect timeout. */
    void expire(long nowNs) {
        for (Pending handshake : List.copyOf(pending)) {
            if (nowNs - handshake.deadlineNs > 0) {
                refuse(handshake, "did not complete its handshake within " + settings.connectTimeout().toMillis() + " ms");
            }
        }
    }

    /** Whether handshakes are in progress (the agent then wakes up to expire them). */
    boolean hasPending() {
        return !pending.isEmpty();
    }

    /**
     * Closes the connections whose handshake is in progress, as the device closes. Each is reset
     * rather than closed cleanly: to its connector a reset means "try again", and the retry
     * meets this endpoint's farewell, whereas a clean close would read as a refusal.
     */
    void closeAll() {
        for (Pending handshake : pending) {
            try {
                handshake.channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException e) {
                // Already broken: closing it ends it either way.
            }
            closeQuietly(handshake.channel);
        }
        pending.clear();
    }

    private void decide(SelectionKey key, Pending handshake) {
        ByteBuffer message = handshake.buffer;
        int rank = HandshakeDescriptor.rank(message);
        byte intent = HandshakeDescriptor.intent(message);
        if (!HandshakeDescriptor.matches(message, credentials)) {
            refuse(handshake, "gave a wrong job id or secret");
        } else if (rank < 0 || rank >= peers.endpointCount() || rank == local) {
            refuse(handshake, "claims rank " + rank + ", which is not a peer of rank " + local + " (ranks 0.."
                + (peers.endpointCount() - 1) + ")");
        } else if (intent == HandshakeDescriptor.FAREWELL) {
            farewell(handshake, rank);
        } else if (intent == HandshakeDescriptor.CONNECT) {
            connect(key, handshake, rank);
        } else {
            refuse(handshake, "opened with handshake intent " + intent);
        }
    }

    private void farewell(Pending handshake, int rank) {
        pending.remove(handshake);
        closeQuietly(handshake.channel);
        if (peers.state(rank) instanceof Connection) {
            LOG.log(System.Logger.Level.WARNING, "tcp endpoint {0} ignored a farewell from rank {1}, which is connected",
                local, rank);
        } else {
            departures.depart(rank, "finished");
        }
    }

    private void connect(SelectionKey key, Pending handshake, int rank) {
        Connection connection = new Connection(rank, handshake.channel, settings, onBacklog);
        // The key becomes the connection's, silent until the agent is armed, before the rank can
        // see the connection: once the rank has it, it may close it at any moment (the peer may
        // send its frames and its goodbye at once), and touching a cancelled key then would
        // kill the agent, closing the listening socket and resetting every connect in progress.
        key.attach(connection);
        key.interestOps(0);
        PeerTable.Offer offer;
        // Holding the sending lock keeps the rank's first frame behind the answer.
        synchronized (connection.outgoing()) {
            offer = peers.offer(connection);
            if (offer == PeerTable.Offer.REFUSED) {
                // It holds the job's secret: a rank of this job whose connect lost a race with the
                // connection already in place, or came after the rank left. Not worth a warning.
                refuse(handshake, "claims rank " + rank + ", which is already connected or gone",
                    System.Logger.Level.DEBUG);
                return;
            }
            pending.remove(handshake);
            byte answer = offer == PeerTable.Offer.ACCEPTED ? HandshakeDescriptor.ACCEPT : HandshakeDescriptor.DECLINE;
            try {
                connection.outgoing().sendHandshake(HandshakeDescriptor.encode(answer, local, credentials));
            } catch (IOException e) {
                if (offer == PeerTable.Offer.ACCEPTED) {
                    departures.depart(rank, "connection lost during the handshake: " + e.getMessage());
                }
                closeQuietly(handshake.channel);
                return;
            }
        }
        if (offer == PeerTable.Offer.DECLINED) {
            closeQuietly(handshake.channel);
        }
    }

    private void refuse(Pending handshake, String why) {
        refuse(handshake, why, System.Logger.Level.WARNING);
    }

    private void refuse(Pending handshake, String why, System.Logger.Level level) {
        pending.remove(handshake);
        String from;
        try {
            from = String.valueOf(handshake.channel.getRemoteAddress());
        } catch (IOException e) {
            from = "an unknown address";
        }
        LOG.log(level, "tcp endpoint {0} refused a connection from {1}, which {2}", local, from, why);
        closeQuietly(handshake.channel);
    }

    private static SocketChannel acceptOne(ServerSocketChannel server) {
        try {
            return server.accept();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "tcp accept failed: {0}", e.getMessage());
            return null;
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Refused or finished with: nothing more to do with it.
        }
    }
}
