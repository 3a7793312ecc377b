package org.mpjcluster.device.tcp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.mpjcluster.device.Device;
import org.mpjcluster.device.DeviceContext;
import org.mpjcluster.device.DeviceException;
import org.mpjcluster.device.Frame;

/**
 * Moves frames over TCP, one connection per pair of endpoints that talk, opened on the first send
 * either way (see {@link PeerTable} for the tie-break). The rank's threads do all the reading and
 * writing, in {@link #send} and {@link #poll}; the {@link TcpAgent} thread accepts connections and
 * wakes the rank when it parks. Nothing here assumes the peers live in this JVM: they are found
 * through the job's endpoint directory.
 */
final class TcpDevice implements Device {

    static final String NAME = "tcp";

    private static final System.Logger LOG = System.getLogger(TcpDevice.class.getName());
    private static final long CONNECT_WAIT_PAUSE_NS = 50_000L;
    private static final int CLOSING_SCRATCH_BYTES = 64 * 1024;

    private final DeviceContext context;
    private final TcpSettings settings;
    private final PeerTable peers;
    private final Departures departures;
    private final Connector connector;
    private final TcpAgent agent;
    /** Has the agent look at the sockets again: a connection's backlog wants writing out. */
    private final Runnable wakeAgent;
    private final String address;
    private final AtomicBoolean polling = new AtomicBoolean();
    private volatile boolean closed;

    private TcpDevice(DeviceContext context, TcpSettings settings, ServerSocketChannel server, Selector selector)
        throws IOException {
        this.context = context;
        this.settings = settings;
        int local = context.localEndpoint();
        HandshakeDescriptor.Credentials credentials = HandshakeDescriptor.Credentials.of(context.jobId(), context.secret());
        this.peers = new PeerTable(local, context.endpointCount());
        this.wakeAgent = selector::wakeup;
        this.departures = new Departures(peers, context.sink(), wakeAgent);
        this.connector = new Connector(local, credentials, context.directory(), settings);
        Acceptor acceptor = new Acceptor(local, credentials, settings, peers, departures, wakeAgent);
        this.agent = new TcpAgent("mpj-tcp-agent-" + local + "-" + context.jobId(), selector, server, acceptor,
            context.sink());
        this.address = Listener.publishedAddress(server);
    }

    /**
     * Opens the device for {@code context}'s endpoint: listens, starts the agent, and publishes
     * the address in the job's directory.
     *
     * @throws DeviceException if the settings are invalid or no port can be bound
     */
    static TcpDevice open(DeviceContext context) {
        TcpSettings settings = TcpSettings.from(context.settingsOf(NAME));
        ServerSocketChannel server = Listener.bind(settings);
        Selector selector = null;
        try {
            selector = Selector.open();
            TcpDevice device = new TcpDevice(context, settings, server, selector);
            device.agent.start();
            try {
                context.directory().publish(NAME, context.localEndpoint(), device.address);
            } catch (RuntimeException e) {
                device.agent.stop();
                throw e;
            }
            return device;
        } catch (IOException e) {
            closeQuietly(server, selector);
            throw new DeviceException("cannot open the tcp device of endpoint " + context.localEndpoint() + ": "
                + e.getMessage());
        } catch (RuntimeException e) {
            closeQuietly(server, selector);
            throw e;
        }
    }

    /** Where this device listens, as published. */
    String address() {
        return address;
    }

    /** Number of open connections, for tests of the tie-break. */
    int connectionCount() {
        return peers.connected().length;
    }

    /** The agent's thread, for tests that check it ends. */
    Thread agentThread() {
        return agent.thread();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean reaches(int endpoint) {
        return endpoint >= 0 && endpoint < context.endpointCount() && endpoint != context.localEndpoint();
    }

    @Override
    public boolean sharesMemory() {
        return false;
    }

    @Override
    public int eagerLimitBytes(int engineDefault) {
        return settings.eagerLimitBytes();
    }

    @Override
    public void send(int endpoint, Frame frame) {
        if (closed) {
            throw new DeviceException("the tcp device of endpoint " + context.localEndpoint()
                + " is closed; cannot send to endpoint " + endpoint);
        }
        if (!reaches(endpoint)) {
            throw new DeviceException("the tcp device of endpoint " + context.localEndpoint()
                + " cannot reach endpoint " + endpoint + " (it reaches the other endpoints of 0.."
                + (context.endpointCount() - 1) + ")");
        }
        if (frame.payload() != null && frame.payload().byteSize() > settings.maxFrameBytes()) {
            throw new DeviceException("a " + frame.payload().byteSize() + "-byte message to endpoint " + endpoint
                + " exceeds mpj.device.tcp.max-frame (" + settings.maxFrameBytes() + " bytes); raise it");
        }
        Connection connection = connectionTo(endpoint);
        try {
            connection.outgoing().send(frame);
        } catch (IOException e) {
            String reason = "connection lost: " + e.getMessage();
            departures.depart(endpoint, reason);
            throw gone(endpoint, reason);
        }
    }

    @Override
    public int poll() {
        if (!polling.compareAndSet(false, true)) {
            return 0;
        }
        try {
            int work = 0;
            for (Connection connection : peers.connected()) {
                work += poll(connection);
            }
            work += departures.deliver();
            if (work > 0) {
                agent.disarm();
            }
            return work;
        } finally {
            polling.set(false);
        }
    }

    private int poll(Connection connection) {
        try {
            int flushed = connection.outgoing().backlogged() && connection.outgoing().flush() > 0 ? 1 : 0;
            return flushed + connection.incoming().receive(connection.peer(), context.sink());
        } catch (ConnectionEnded e) {
            if (!e.normal()) {
                LOG.log(System.Logger.Level.WARNING, "tcp endpoint {0} lost rank {1}: {2}",
                    context.localEndpoint(), connection.peer(), e.getMessage());
            }
            departures.depart(connection.peer(), e.getMessage());
        } catch (IOException e) {
            departures.depart(connection.peer(), "connection lost: " + e.getMessage());
        }
        return 1;
    }

    /** Has the agent watch the sockets while the rank parks, until a poll finds work. */
    @Override
    public void armWake() {
        agent.arm();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        agent.stop();
        long deadlineNs = System.nanoTime() + settings.connectTimeout().toNanos();
        ByteBuffer scratch = ByteBuffer.allocateDirect(CLOSING_SCRATCH_BYTES);
        for (Connection connection : peers.connected()) {
            sayGoodbye(connection, deadlineNs, scratch);
        }
        for (int peer = 0; peer < context.endpointCount(); peer++) {
            if (peer != context.localEndpoint() && peers.state(peer) == null) {
                farewell(peer);
            }
            peers.markGone(peer, "this endpoint closed");
        }
    }

    private void sayGoodbye(Connection connection, long deadlineNs, ByteBuffer scratch) {
        try {
            connection.outgoing().drainBeforeClose(deadlineNs, scratch);
            connection.outgoing().sendGoodbye();
            connection.channel().shutdownOutput();
        } catch (IOException e) {
            // The peer is gone already; it needs no goodbye.
        } finally {
            connection.close();
        }
    }

    /** Tells a peer this endpoint never talked to that it leaves, if the peer has published an address. */
    private void farewell(int peer) {
        try {
            connector.farewell(peer, context.directory().lookup(NAME, peer, Duration.ZERO));
        } catch (IOException | DeviceException e) {
            LOG.log(System.Logger.Level.DEBUG, "no farewell from endpoint {0} to {1}: {2}",
                context.localEndpoint(), peer, e.getMessage());
        }
    }

    /** The connection to {@code peer}, opening it on first use. */
    private Connection connectionTo(int peer) {
        Object state = peers.state(peer);
        if (state instanceof Connection connection) {
            return connection;
        }
        if (state instanceof PeerTable.Gone gone) {
            throw gone(peer, gone.reason());
        }
        long deadlineNs = System.nanoTime() + settings.connectTimeout().toNanos() + settings.lookupTimeout().toNanos();
        if (peers.startConnecting(peer)) {
            connect(peer);
        }
        return awaitConnection(peer, deadlineNs);
    }

    /**
     * Runs this side's attempt, retried while it is still wanted; on failure marks the peer gone
     * unless the peer's own connection won or the peer's farewell marked it gone meanwhile.
     */
    private void connect(int peer) {
        String failure;
        try {
            SocketChannel channel = connector.connect(peer,
                () -> peers.state(peer) == PeerTable.CONNECTING && !context.sink().jobEnded());
            if (channel == null) {
                return;
            }
            Connection connection = new Connection(peer, channel, settings, wakeAgent);
            agent.register(connection);
            if (!peers.connected(connection)) {
                connection.close();
            }
            return;
        } catch (IOException | DeviceException e) {
            failure = "cannot connect: " + e.getMessage();
        }
        departures.abandon(peer, failure);
    }

    private Connection awaitConnection(int peer, long deadlineNs) {
        while (true) {
            Object state = peers.state(peer);
            if (state instanceof Connection connection) {
                return connection;
            }
            if (state instanceof PeerTable.Gone gone) {
                throw gone(peer, gone.reason());
            }
            if (context.sink().jobEnded()) {
                throw new DeviceException("the job ended while connecting to endpoint " + peer);
            }
            if (System.nanoTime() - deadlineNs > 0) {
                departures.abandon(peer, "no connection within " + settings.connectTimeout().toMillis() + " ms");
            }
            LockSupport.parkNanos(CONNECT_WAIT_PAUSE_NS);
        }
    }

    private DeviceException gone(int peer, String reason) {
        return new DeviceException("endpoint " + peer + " is gone (" + reason + ")");
    }

    private static void closeQuietly(ServerSocketChannel server, Selector selector) {
        try {
            server.close();
            if (selector != null) {
                selector.close();
            }
        } catch (IOException e) {
            // Opening failed; the original error is what matters.
        }
    }
}
