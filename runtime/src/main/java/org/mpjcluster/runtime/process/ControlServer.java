package org.mpjcluster.runtime.process;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.BitSet;
import java.util.concurrent.BlockingQueue;

/**
 * Where the worker JVMs of a job connect back to {@code mpjrun}: listens on loopback only, on a
 * port the system picks, and accepts a connection only if its first frame carries the job's
 * secret and the index of a worker that has not connected yet. Everything an accepted worker
 * sends afterwards is queued as {@link JobEvent}s.
 */
final class ControlServer implements AutoCloseable {

    /** How long a new connection may take to say hello before it is dropped. */
    private static final int HELLO_TIMEOUT_MILLIS = 10_000;

    private final ServerSocket socket;
    private final byte[] secret;
    private final int workerCount;
    private final BlockingQueue<JobEvent> events;
    private final PrintStream err;
    private final BitSet connected = new BitSet();

    private ControlServer(ServerSocket socket, String secret, int workerCount, BlockingQueue<JobEvent> events,
                          PrintStream err) {
        this.socket = socket;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.workerCount = workerCount;
        this.events = events;
        this.err = err;
    }

    /** Opens the server and starts accepting; refusals are reported on {@code err}. */
    static ControlServer open(String secret, int workerCount, BlockingQueue<JobEvent> events, PrintStream err)
        throws IOException {
        ServerSocket socket = new ServerSocket(0, workerCount, InetAddress.getLoopbackAddress());
        ControlServer server = new ControlServer(socket, secret, workerCount, events, err);
        daemon(server::acceptAll, "mpjrun-control-accept");
        return server;
    }

    /** The port the workers connect to. */
    int port() {
        return socket.getLocalPort();
    }

    private void acceptAll() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                daemon(() -> serve(connection), "mpjrun-control-" + connection.getPort());
            } catch (IOException e) {
                // Closed: the job is over.
            }
        }
    }

    private void serve(Socket connection) {
        try (ControlChannel channel = new ControlChannel(connection)) {
            channel.receiveTimeoutMillis(HELLO_TIMEOUT_MILLIS);
            ControlMessage first = channel.receive();
            int worker = admit(first, channel.peer());
            if (worker < 0) {
                return;
            }
            channel.receiveTimeoutMillis(0);
            events.add(new JobEvent.Connected(worker, channel));
            while (true) {
                events.add(new JobEvent.Received(worker, channel.receive()));
            }
        } catch (IOException e) {
            // The worker closed the connection or sent garbage; its JVM's exit tells the rest.
        }
    }

    /** The index of the worker {@code hello} proves to be, or -1 after reporting why it is refused. */
    private int admit(ControlMessage hello, String peer) {
        if (!(hello instanceof ControlMessage.Hello h)
            || !MessageDigest.isEqual(secret, h.secret().getBytes(StandardCharsets.UTF_8))) {
            err.println("mpjrun: refused a control connection from " + peer + ": it did not present the job's secret");
            return -1;
        }
        synchronized (connected) {
            if (h.worker() < 0 || h.worker() >= workerCount || connected.get(h.worker())) {
                err.println("mpjrun: refused a control connection from " + peer + ": worker " + h.worker()
                    + " is not expected");
                return -1;
            }
            connected.set(h.worker());
        }
        return h.worker();
    }

    private static void daemon(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
