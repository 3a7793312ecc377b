package org.mpjcluster.runtime.process;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Where the worker JVMs of a job connect back to {@code mpjrun}: listens on loopback only, on a
 * port the system picks, and accepts a connection only if its first frame carries the job's
 * secret and the index of a worker that has not connected yet. Everything an accepted worker
 * sends afterwards is queued as {@link JobEvent}s, and its JVM's exit after all of it.
 */
final class ControlServer implements AutoCloseable {

    /** How long a new connection may take to say hello before it is dropped. */
    private static final int HELLO_TIMEOUT_MILLIS = 10_000;
    /**
     * How long after a worker's JVM ended the rest of its stream may take to be read. The end of
     * a process closes its sockets, so the stream ends at once; this only bounds the wait should
     * a descendant of the JVM hold the connection open.
     */
    private static final long STREAM_DRAIN_MILLIS = 5_000;

    private final ServerSocket socket;
    private final byte[] secret;
    private final int workerCount;
    private final BlockingQueue<JobEvent> events;
    private final PrintStream err;
    private final BitSet connected = new BitSet();
    /** The connections of admitted workers whose stream has not ended yet, by worker. */
    private final Map<Integer, ControlChannel> reading = new HashMap<>();
    /** Exit statuses of workers whose JVM ended while their stream was still being read, by worker. */
    private final Map<Integer, Integer> exitsAfterStream = new HashMap<>();

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

    /**
     * The JVM of worker {@code worker} ended with {@code exitStatus}: queues its
     * {@link JobEvent.Exited} once everything the worker sent is queued. The process's end is
     * often observed before the last frames it sent (its ranks' outcomes) are read off the
     * socket, and a worker judged by its exit before its outcomes would look dead.
     */
    void exited(int worker, int exitStatus) {
        ControlChannel open;
        synchronized (reading) {
            open = reading.get(worker);
            if (open == null) {
                events.add(new JobEvent.Exited(worker, exitStatus));
                return;
            }
            exitsAfterStream.put(worker, exitStatus);
        }
        CompletableFuture.delayedExecutor(STREAM_DRAIN_MILLIS, TimeUnit.MILLISECONDS).execute(open::shutdownInput);
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
            synchronized (reading) {
                reading.put(worker, channel);
            }
            events.add(new JobEvent.Connected(worker, channel));
            readAll(worker, channel);
        } catch (IOException e) {
            // Garbage instead of a hello, or the connection closed before it: nobody was admitted.
        }
    }

    /** Queues what an admitted worker sends until its stream ends, then its JVM's exit if that came first. */
    private void readAll(int worker, ControlChannel channel) {
        try {
            while (true) {
                events.add(new JobEvent.Received(worker, channel.receive()));
            }
        } catch (IOException e) {
            // The worker closed the connection or sent garbage; its JVM's exit tells the rest.
        } finally {
            synchronized (reading) {
                reading.remove(worker);
                Integer exitStatus = exitsAfterStream.remove(worker);
                if (exitStatus != null) {
                    events.add(new JobEvent.Exited(worker, exitStatus));
                }
            }
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
