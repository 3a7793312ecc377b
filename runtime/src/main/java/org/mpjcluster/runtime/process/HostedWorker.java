package org.mpjcluster.runtime.process;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A worker JVM that a peer of the cluster runs for a job. The peer starts it with
 * {@link WorkerMain}, listens for its control connection on loopback, and relays its control
 * frames to the job's supervisor (see {@link RemoteSupervision}) and back; it replaces the class
 * path in the job description with where it keeps the job's shipped files. What the JVM prints
 * goes to the listener a line at a time. The JVM of rank 0 reads the job's standard input, which
 * the peer passes on through {@link #input} as its submitter sends it (see {@link InputFeed}).
 */
public final class HostedWorker {

    /** Hears what happens to the worker, on threads of the worker's own. */
    public interface Listener {

        /** The JVM connected back and proved it belongs to the job. */
        void connected();

        /** The JVM sent a control frame, for the supervisor. */
        void relayed(byte[] frame);

        /** The job's submitter may send {@code bytes} more of the job's standard input (see {@link #input}). */
        void inputCredit(long bytes);

        /** The JVM printed {@code line} (with its newline) on standard error if {@code error}, else output. */
        void output(boolean error, byte[] line);

        /** The JVM's standard output and error are closed: nothing more will be printed. */
        void outputEnded();

        /** The JVM ended with {@code exitStatus}. */
        void exited(int exitStatus);
    }

    /**
     * How to start the worker: the job's secret, the program's class path on this peer, options
     * for its JVM (such as the address its devices listen on), environment and working directory,
     * where the peer keeps its workers' class-data archives (null for none; see {@link ClassArchive}),
     * and whether it runs rank 0, which reads the job's standard input.
     */
    public record Launch(String secret, String classpath, List<String> jvmOptions, Map<String, String> environment,
                         Path directory, Path archives, boolean readsInput) {
    }

    private final Launch launch;
    private final ControlServer server;
    private volatile LocalJvm jvm;
    private volatile ControlChannel channel;
    /** What feeds rank 0 the job's standard input, or null if the worker does not run rank 0. */
    private volatile InputFeed input;

    private HostedWorker(Launch launch, ControlServer server) {
        this.launch = launch;
        this.server = server;
    }

    /**
     * Starts the worker's JVM for {@code launch}; {@code log} gets the refusals of control
     * connections that do not prove they belong to the job.
     *
     * @throws IOException if the control server cannot listen or the JVM cannot start
     */
    public static HostedWorker start(Launch launch, Listener listener, PrintStream log) throws IOException {
        BlockingQueue<JobEvent> events = new LinkedBlockingQueue<>();
        ControlServer server = ControlServer.open(launch.secret(), 1, events, log);
        HostedWorker worker = new HostedWorker(launch, server);
        try {
            Map<String, String> environment = new HashMap<>(launch.environment());
            environment.put(WorkerMain.SECRET_ENV, launch.secret());
            ClassArchive archive = ClassArchive.forWorker(launch.archives(), WorkerCommand.classpath(), launch.jvmOptions());
            List<String> options = new ArrayList<>(launch.jvmOptions());
            options.addAll(archive.jvmOptions());
            worker.jvm = LocalJvm.start(WorkerCommand.of(options, server.port(), 0), environment,
                launch.directory(), launch.readsInput() ? WorkerInput.PIPED : WorkerInput.NONE,
                line -> listener.output(false, line), line -> listener.output(true, line),
                "mpj-worker", status -> {
                    archive.workerExited(status);
                    server.exited(0, status);
                });
            if (launch.readsInput()) {
                worker.input = new InputFeed(worker.jvm.input(), listener::inputCredit,
                    "mpj-worker-input-" + worker.pid());
            }
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        Thread relay = new Thread(() -> worker.relay(events, listener), "mpj-worker-relay-" + worker.pid());
        relay.setDaemon(true);
        relay.start();
        Thread output = new Thread(() -> worker.awaitOutput(listener), "mpj-worker-output-" + worker.pid());
        output.setDaemon(true);
        output.start();
        return worker;
    }

    /** The process id of the worker's JVM. */
    public long pid() {
        return jvm.pid();
    }

    /**
     * Sends the supervisor's {@code frame} to the worker; a job description gets this peer's class
     * path. A frame that does not decode is dropped: it came from the cluster, and the worker must
     * not see it.
     */
    public void relay(byte[] frame) throws IOException {
        ControlMessage message = ControlDescriptor.fromBytes(frame);
        if (message instanceof ControlMessage.Job job) {
            message = job.withClasspath(launch.classpath());
        }
        ControlChannel connected = channel;
        if (connected != null) {
            connected.sendIfOpen(message);
        }
    }

    /**
     * Passes the next chunk of the job's standard input to rank 0, an empty chunk for its end;
     * returns false, dropping it, if the worker does not run rank 0 or was granted no credit for it.
     */
    public boolean input(byte[] chunk) {
        InputFeed feed = input;
        return feed != null && feed.offer(chunk);
    }

    /** Asks the JVM to end (SIGTERM). */
    public void stop() {
        jvm.stop();
    }

    /** Ends the JVM at once (SIGKILL). */
    public void kill() {
        jvm.kill();
    }

    private void relay(BlockingQueue<JobEvent> events, Listener listener) {
        try {
            while (true) {
                JobEvent event = events.take();
                if (event instanceof JobEvent.Connected connected) {
                    channel = (ControlChannel) connected.channel();
                    listener.connected();
                } else if (event instanceof JobEvent.Received received) {
                    received(received.message(), listener);
                } else if (event instanceof JobEvent.Exited exited) {
                    if (input != null) {
                        input.close();
                    }
                    listener.exited(exited.exitStatus());
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeServer();
        }
    }

    /** Relays what the worker says to the supervisor, but for rank 0's wish to read input, which this peer serves. */
    private void received(ControlMessage message, Listener listener) {
        if (message instanceof ControlMessage.InputWanted) {
            if (input != null) {
                input.open();
            }
        } else {
            listener.relayed(ControlDescriptor.toBytes(message));
        }
    }

    private void awaitOutput(Listener listener) {
        try {
            jvm.awaitOutput(Long.MAX_VALUE / 2_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        listener.outputEnded();
    }

    private void closeServer() {
        try {
            server.close();
        } catch (IOException e) {
            // It only listened for this worker, which is gone.
        }
        ControlChannel connected = channel;
        if (connected != null) {
            connected.close();
        }
    }
}
