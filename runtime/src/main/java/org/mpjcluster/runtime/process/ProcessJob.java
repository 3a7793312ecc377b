package org.mpjcluster.runtime.process;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.mpjcluster.device.DeviceContext;
import org.mpjcluster.runtime.config.MpjConfig;
import org.mpjcluster.runtime.local.Classpath;
import org.mpjcluster.runtime.local.JobResult;

/**
 * Runs the ranks of a job in worker JVMs of their own on this host, one rank per JVM or
 * {@link #ranksPerJvm K} per JVM, with no daemon: what {@code mpjrun --processes} does.
 *
 * <p>The workers run the same Java and class path as this JVM, connect back over loopback and
 * prove they belong to the job with a secret passed in their environment. Each worker loads the
 * program with one class loader per rank. Ranks of one JVM talk over shm, others over tcp, as
 * device ranking picks per peer. What the workers print is forwarded here line by line; when one
 * JVM dies, the others are ended and the result names its ranks; if this JVM is stopped (Ctrl-C,
 * SIGTERM), a shutdown hook ends every worker.
 */
public final class ProcessJob {

    /** System properties of this JVM that are passed on to the workers: the MPJ settings. */
    private static final String FORWARDED_PROPERTY_PREFIX = "mpj.";
    /** How long the shutdown hook lets the workers end before it kills them. */
    private static final long HOOK_GRACE_MILLIS = 1000;

    private final int size;
    private final Duration startTimeout;
    private int ranksPerJvm = 1;
    private List<String> jvmOptions = List.of();
    private boolean tagOutput;
    private Duration timeout;
    private Duration abortGrace;

    private ProcessJob(int size, MpjConfig config) {
        this.size = size;
        this.abortGrace = config.abortGrace();
        this.startTimeout = config.startTimeout();
    }

    /**
     * A job of {@code size} ranks, one per JVM, with the settings of the {@code mpj} configuration.
     *
     * @throws IllegalArgumentException if {@code size < 1}
     */
    public static ProcessJob ranks(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("the number of ranks must be at least 1, not " + size);
        }
        return new ProcessJob(size, MpjConfig.load());
    }

    /**
     * Runs {@code k} ranks in each JVM (the last JVM gets the rest).
     *
     * @throws IllegalArgumentException unless {@code 1 <= k <= size}
     */
    public ProcessJob ranksPerJvm(int k) {
        if (k < 1 || k > size) {
            throw new IllegalArgumentException("--ranks-per-jvm must be between 1 and the number of ranks ("
                + size + "), not " + k);
        }
        this.ranksPerJvm = k;
        return this;
    }

    /** Options for every worker JVM, such as {@code -Xmx2g}. */
    public ProcessJob jvmOptions(List<String> options) {
        this.jvmOptions = List.copyOf(options);
        return this;
    }

    /** Whether every line a rank prints is prefixed with {@code [rank] }. */
    public ProcessJob tagOutput(boolean tag) {
        this.tagOutput = tag;
        return this;
    }

    /** Ends the job as failed if it runs longer than {@code limit} (no limit by default). */
    public ProcessJob timeout(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, not " + limit);
        }
        this.timeout = limit;
        return this;
    }

    /** How long ranks get to stop after the job fails before their JVMs are stopped. */
    public ProcessJob abortGrace(Duration grace) {
        this.abortGrace = Objects.requireNonNull(grace, "grace");
        return this;
    }

    /**
     * Runs {@code mainClass}'s {@code main(args)} on every rank and waits until every worker JVM
     * has ended; what they print goes to this JVM's standard output and error.
     *
     * @throws IllegalArgumentException if the main class or its main method cannot be found
     * @throws IOException              if the control server cannot listen or a JVM cannot be started
     */
    public JobResult<Void> runMain(Classpath classpath, String mainClass, String... args)
        throws IOException, InterruptedException {
        classpath.requireMain(mainClass);
        String secret = DeviceContext.newSecret();
        String jobId = "mpjrun-" + UUID.randomUUID();
        List<WorkerProcess> workers = new ArrayList<>();
        for (int first = 0, index = 0; first < size; first += ranksPerJvm, index++) {
            workers.add(new WorkerProcess(index, first, Math.min(ranksPerJvm, size - first)));
        }
        BlockingQueue<JobEvent> events = new LinkedBlockingQueue<>();
        PrintStream out = System.out;
        PrintStream err = System.err;
        Thread hook = new Thread(() -> stopOnExit(workers, err), "mpjrun-stop-workers");
        Runtime.getRuntime().addShutdownHook(hook);
        try (ControlServer server = ControlServer.open(secret, workers.size(), events, err)) {
            for (WorkerProcess worker : workers) {
                worker.start(workerCommand(server.port(), worker.index()), secret, server, out, err);
            }
            List<String> programArgs = List.of(args);
            return new JobSupervisor(workers, events, worker -> new ControlMessage.Job(jobId, size,
                worker.firstRank(), worker.rankCount(), classpath.toPathString(), mainClass, programArgs, tagOutput, "",
                abortGrace.toMillis()), startTimeout, timeout, abortGrace).supervise();
        } finally {
            workers.forEach(WorkerProcess::kill);
            removeHook(hook);
        }
    }

    private List<String> workerCommand(int controlPort, int workerIndex) {
        List<String> options = new ArrayList<>(forwardedProperties());
        options.addAll(jvmOptions);
        return WorkerCommand.of(options, controlPort, workerIndex);
    }

    /** {@code -Dmpj.*} settings given to this JVM, so that the workers run with the same. */
    private static List<String> forwardedProperties() {
        return System.getProperties().stringPropertyNames().stream()
            .filter(name -> name.startsWith(FORWARDED_PROPERTY_PREFIX)).sorted()
            .map(name -> "-D" + name + "=" + System.getProperty(name)).toList();
    }

    /** The shutdown hook: this JVM is being stopped (Ctrl-C, SIGTERM) while workers may still run. */
    private static void stopOnExit(List<WorkerProcess> workers, PrintStream err) {
        err.println("mpjrun: stopped; ending the worker JVMs");
        workers.forEach(WorkerProcess::stop);
        long deadline = System.nanoTime() + HOOK_GRACE_MILLIS * 1_000_000;
        try {
            for (WorkerProcess worker : workers) {
                worker.awaitExit(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.forEach(WorkerProcess::kill);
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down, and the hook is running or has run.
        }
    }
}
