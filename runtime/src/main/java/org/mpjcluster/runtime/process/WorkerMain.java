package org.mpjcluster.runtime.process;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import org.mpjcluster.device.SharedDirectory;
import org.mpjcluster.engine.JobControl;
import org.mpjcluster.engine.JobFailure;
import org.mpjcluster.engine.JobWiring;
import org.mpjcluster.runtime.config.MpjConfig;
import org.mpjcluster.runtime.local.Classpath;
import org.mpjcluster.runtime.local.JobResult;
import org.mpjcluster.runtime.local.LocalJob;
import org.mpjcluster.runtime.local.RankInputStream;
import org.mpjcluster.runtime.local.RankLineStream;
import org.mpjcluster.runtime.local.RankOutcome;

/**
 * A worker JVM started by {@code mpjrun --processes}: runs some ranks of the job as threads and
 * answers to {@code mpjrun} over the control connection. It reads the job's secret from the
 * environment (never the command line, which {@code ps} shows), gets its ranks and the program
 * over the connection, publishes its devices' addresses and starts the ranks once the whole
 * endpoint table has arrived. If {@code mpjrun} goes away, it ends at once, so no worker outlives
 * its launcher.
 *
 * <p>Usage (by {@code mpjrun} only): {@code WorkerMain CONTROL_PORT WORKER_INDEX}.
 */
public final class WorkerMain {

    /** The environment variable that carries the job's secret to the worker. */
    static final String SECRET_ENV = "MPJ_JOB_SECRET";
    /** Exit status of a worker whose launcher went away or that could not set up its ranks. */
    static final int EXIT_FAILED = 1;
    /** Exit status of a job whose program cannot run as named (no such main class): a command-line error. */
    static final int EXIT_USAGE = 2;

    private final ControlChannel channel;
    private final JobControl control = new JobControl();
    /** Set once the outcomes are sent, after which the launcher closing the connection is expected. */
    private volatile boolean finished;

    private WorkerMain(ControlChannel channel) {
        this.channel = channel;
    }

    /** Runs the worker and exits with 0 once its ranks' outcomes are reported. */
    public static void main(String[] args) throws IOException {
        String secret = System.getenv(SECRET_ENV);
        if (args.length != 2 || secret == null) {
            System.err.println("mpj worker: started by mpjrun --processes only (arguments: CONTROL_PORT WORKER_INDEX,"
                + " secret in " + SECRET_ENV + ")");
            System.exit(EXIT_FAILED);
        }
        ControlChannel channel = new ControlChannel(new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0])));
        channel.send(new ControlMessage.Hello(secret, Integer.parseInt(args[1])));
        if (!(channel.receive() instanceof ControlMessage.Job job)) {
            throw new IOException("mpjrun sent no job description");
        }
        new WorkerMain(channel).run(job, secret);
    }

    private void run(ControlMessage.Job job, String secret) {
        // Whole lines even untagged: ranks of one JVM printing at once would otherwise mix their lines.
        System.setOut(RankLineStream.around(System.out, job.tagOutput(), job.host()));
        System.setErr(RankLineStream.around(System.err, job.tagOutput(), job.host()));
        System.setIn(RankInputStream.around(System.in, () -> channel.sendIfOpen(new ControlMessage.InputWanted())));
        int lastRank = job.firstRank() + job.rankCount() - 1;
        control.onFailure(failure -> {
            if (failure.rank() >= job.firstRank() && failure.rank() <= lastRank) {
                channel.sendIfOpen(new ControlMessage.Failure(failure.rank(), failure.exitCode(), failure.message()));
            }
        });
        SharedDirectory directory = new SharedDirectory();
        JobWiring wiring = new JobWiring(job.jobId(), secret, job.worldSize(),
            endpoint -> endpoint >= job.firstRank() && endpoint <= lastRank, directory, MpjConfig.load().deviceSettings(),
            name -> true);
        JobResult<Void> result;
        try {
            result = LocalJob.part(wiring, control, job.firstRank(), job.rankCount())
                .abortGrace(Duration.ofMillis(job.abortGraceMillis()))
                .onOpened(() -> exchangeAddresses(directory))
                .runMain(Classpath.parse(job.classpath()), job.mainClass(), job.args().toArray(String[]::new));
        } catch (RuntimeException | InterruptedException e) {
            // mpjrun checks the main class before it starts a job; a job submitted otherwise learns it here.
            int exitCode = e instanceof IllegalArgumentException ? EXIT_USAGE : EXIT_FAILED;
            channel.sendIfOpen(new ControlMessage.Failure(job.firstRank(), exitCode,
                "the JVM of rank " + job.firstRank() + " could not start its ranks: " + e.getMessage()));
            System.exit(EXIT_FAILED);
            return;
        }
        for (RankOutcome<Void> outcome : result.outcomes()) {
            channel.sendIfOpen(new ControlMessage.Outcome(outcome.rank(), outcome.ending().ordinal(),
                stackTrace(outcome.failure())));
        }
        finished = true;
        channel.shutdownInput();
        System.out.close();
        System.err.close();
        System.exit(0);
    }

    /**
     * Sends what this JVM's devices published, waits for the whole table and fills the directory
     * with it; then starts listening for the launcher's messages.
     */
    private void exchangeAddresses(SharedDirectory directory) {
        try {
            channel.send(new ControlMessage.Published(ControlMessage.Address.allIn(directory)));
            if (!(channel.receive() instanceof ControlMessage.Table table)) {
                throw new IOException("the job ended before it started");
            }
            table.addresses().forEach(a -> directory.publish(a.device(), a.endpoint(), a.address()));
        } catch (IOException e) {
            // The launcher is ending the job before any rank ran; it reports why.
            Runtime.getRuntime().halt(EXIT_FAILED);
        }
        Thread listener = new Thread(this::listen, "mpj-worker-control");
        listener.setDaemon(true);
        listener.start();
    }

    /**
     * Follows the launcher: a failure elsewhere ends this JVM's ranks; the end of the connection
     * means the launcher is gone, and with nobody to report to the JVM halts.
     */
    private void listen() {
        try {
            while (true) {
                if (channel.receive() instanceof ControlMessage.Failure failure) {
                    control.abort(new JobFailure(failure.rank(), failure.message(), failure.exitCode(), null));
                }
            }
        } catch (IOException e) {
            if (!finished) {
                control.abort(new JobFailure(-1, "mpjrun went away", EXIT_FAILED, null));
                Runtime.getRuntime().halt(EXIT_FAILED);
            }
        }
    }

    private static String stackTrace(Throwable failure) {
        if (failure == null) {
            return "";
        }
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
