package org.mpjcluster.device.tcp;

import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.util.Iterator;
import org.mpjcluster.device.FrameSink;

/**
 * The device's own thread. It always accepts connections and runs their handshakes, and it writes
 * out what waits in a connection's backlog whenever the socket takes more: a send that returned
 * with its data in the backlog completes without the rank calling into MPI again. It watches the
 * established connections for incoming data only while {@linkplain #arm() armed}, which the device
 * is when its rank is about to park ({@code Device.armWake}): then it blocks in {@link Selector#select()} and, when a socket becomes readable, wakes the rank
 * and disarms. So a busy-polling rank pays nothing for it, a parked rank is woken at once, and the
 * agent never spins while data waits for the rank to read it. The agent never reads frames itself:
 * the rank does, in {@code poll()}.
 */
final class TcpAgent implements Runnable {

    private static final System.Logger LOG = System.getLogger(TcpAgent.class.getName());
    private static final Object LISTENING = new Object();
    /** How often the agent looks for handshakes that timed out, while any are in progress. */
    private static final long HANDSHAKE_CHECK_MS = 100;
    private static final long STOP_TIMEOUT_MS = 10_000;

    private final Selector selector;
    private final ServerSocketChannel server;
    private final Acceptor acceptor;
    private final FrameSink sink;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean armed;

    /** Creates the agent over an open selector and a bound server socket; {@link #start()} runs it. */
    TcpAgent(String name, Selector selector, ServerSocketChannel server, Acceptor acceptor, FrameSink sink)
        throws IOException {
        this.selector = selector;
        this.server = server;
        this.acceptor = acceptor;
        this.sink = sink;
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT, LISTENING);
        this.thread = new Thread(this, name);
        thread.setDaemon(true);
    }

    /** Starts the thread. */
    void start() {
        thread.start();
    }

    /** Registers an established connection opened by this side, unwatched until armed. */
    void register(Connection connection) throws IOException {
        connection.channel().register(selector, 0, connection);
        if (armed) {
            selector.wakeup();
        }
    }

    /** Asks the agent to watch the connections and wake the rank on traffic. */
    void arm() {
        if (!armed) {
            armed = true;
            selector.wakeup();
        }
    }

    /** The rank found work: no need to wake it (the agent disarms lazily, without a system call). */
    void disarm() {
        if (armed) {
            armed = false;
        }
    }

    /** Stops the thread and closes the server socket and the selector. */
    void stop() {
        running = false;
        selector.wakeup();
        if (thread == Thread.currentThread()) {
            return;
        }
        try {
            thread.join(STOP_TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The thread, for tests that check it ends. */
    Thread thread() {
        return thread;
    }

    @Override
    public void run() {
        try {
            while (running) {
                watch(armed);
                selector.select(acceptor.hasPending() ? HANDSHAKE_CHECK_MS : 0);
                if (handleSelected() && armed) {
                    armed = false;
                    sink.wake();
                }
                if (acceptor.hasPending()) {
                    acceptor.expire(System.nanoTime());
                }
            }
        } catch (IOException | RuntimeException e) {
            if (running) {
                LOG.log(System.Logger.Level.ERROR, "tcp agent " + thread.getName()
                    + " failed; this endpoint accepts no more connections", e);
            }
        } finally {
            acceptor.closeAll();
            closeQuietly();
        }
    }

    /** Handles the selected keys; returns whether a connection has traffic for the rank. */
    private boolean handleSelected() {
        boolean traffic = false;
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            int ready = readyOps(key);
            Object attachment = key.attachment();
            if (ready == 0) {
                continue;
            }
            if (attachment == LISTENING) {
                acceptor.accept(server, selector);
            } else if (Acceptor.isHandshake(attachment)) {
                acceptor.progress(key);
            } else if (attachment instanceof Connection connection) {
                if ((ready & SelectionKey.OP_WRITE) != 0) {
                    flush(connection);
                }
                traffic |= (ready & SelectionKey.OP_READ) != 0;
            }
        }
        return traffic;
    }

    /**
     * What {@code key} is ready for, read once: 0 if its connection was closed, which the rank may
     * do at any moment (on a peer's goodbye). Asking a cancelled key again would throw, and an
     * exception here would end the agent and with it the listening socket.
     */
    private static int readyOps(SelectionKey key) {
        try {
            return key.readyOps();
        } catch (CancelledKeyException e) {
            return 0;
        }
    }

    /**
     * Sets each connection's interest: incoming data while {@code arm}, room in the socket while
     * its backlog holds bytes. New connections get it too.
     */
    private void watch(boolean arm) {
        for (SelectionKey key : selector.keys()) {
            if (key.isValid() && key.attachment() instanceof Connection connection) {
                int ops = (arm ? SelectionKey.OP_READ : 0)
                    | (connection.outgoing().backlogged() ? SelectionKey.OP_WRITE : 0);
                try {
                    if (key.interestOps() != ops) {
                        key.interestOps(ops);
                    }
                } catch (CancelledKeyException e) {
                    // Closed by the rank meanwhile; the selector drops it on its next pass.
                }
            }
        }
    }

    /** Writes what the socket takes of the backlog; a failure is the rank's to find and report. */
    private static void flush(Connection connection) {
        try {
            connection.outgoing().flush();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "flushing to rank {0}: {1}", connection.peer(), e.getMessage());
        }
    }

    private void closeQuietly() {
        try {
            server.close();
            selector.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the tcp agent: {0}", e.getMessage());
        }
    }
}
