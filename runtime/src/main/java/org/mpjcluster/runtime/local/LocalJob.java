package org.mpjcluster.runtime.local;

import com.typesafe.config.Config;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.function.IntFunction;
import org.mpjcluster.device.DeviceContext;
import org.mpjcluster.device.SharedDirectory;
import org.mpjcluster.engine.EngineSettings;
import org.mpjcluster.engine.JobWiring;
import org.mpjcluster.runtime.config.MpjConfig;

/**
 * Runs the ranks of a job as threads of this JVM: the embedding API, and what {@code mpjrun} uses
 * on one machine.
 *
 * <pre>{@code
 * JobResult<Integer> result = LocalJob.ranks(4).run(() -> MPI.COMM_WORLD.Rank() * 10);
 * result.values();   // [0, 10, 20, 30]
 * }</pre>
 *
 * <p>Ranks talk through shared memory unless another {@link Transport} is chosen, for example to
 * run a program over the paths ranks in separate JVMs take:
 *
 * <pre>{@code
 * LocalJob.ranks(8).transport(Transport.TCP).run(task);   // every rank over loopback TCP
 * LocalJob.ranks(8).ranksPerJvm(2).run(task);             // pairs share memory, tcp between pairs
 * }</pre>
 *
 * <p>The first rank that throws (or calls {@code Abort}) ends the job: every MPI call waiting in
 * another rank throws {@code MPIException}, ranks still running after the grace period are
 * interrupted, and the result names the failing rank.
 */
public final class LocalJob {

    private final int size;
    private Duration timeout;
    private Duration abortGrace;
    private EngineSettings settings;
    private final Config deviceSettings;
    private Transport transport = Transport.SHARED_MEMORY;
    private int ranksPerJvm;

    private LocalJob(int size, MpjConfig config) {
        this.size = size;
        this.abortGrace = config.abortGrace();
        this.settings = config.engine();
        this.deviceSettings = config.deviceSettings();
        this.ranksPerJvm = size;
    }

    /**
     * A job of {@code size} ranks, with the settings of the {@code mpj} configuration.
     *
     * @throws IllegalArgumentException if {@code size < 1}
     */
    public static LocalJob ranks(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("the number of ranks must be at least 1, not " + size);
        }
        return new LocalJob(size, MpjConfig.load());
    }

    /** Ends the job as failed if it runs longer than {@code limit} (no limit by default). */
    public LocalJob timeout(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, not " + limit);
        }
        this.timeout = limit;
        return this;
    }

    /** How long ranks get to stop after the job fails before they are interrupted. */
    public LocalJob abortGrace(Duration grace) {
        this.abortGrace = Objects.requireNonNull(grace, "grace");
        return this;
    }

    /** Overrides the engine settings (eager limit, waiting). */
    public LocalJob settings(EngineSettings engineSettings) {
        this.settings = Objects.requireNonNull(engineSettings, "engineSettings");
        return this;
    }

    /**
     * Chooses how the ranks talk ({@link Transport#SHARED_MEMORY} by default). {@link Transport#HYBRID}
     * groups the ranks in blocks of {@link #ranksPerJvm(int)}, two unless set.
     */
    public LocalJob transport(Transport chosen) {
        this.transport = Objects.requireNonNull(chosen, "transport");
        if (chosen == Transport.HYBRID && ranksPerJvm == size) {
            ranksPerJvm = Math.min(2, size);
        }
        return this;
    }

    /**
     * Runs the ranks as if every {@code count} consecutive ranks shared a JVM: shared memory within
     * such a block, TCP between blocks (the {@link Transport#HYBRID} transport).
     *
     * @throws IllegalArgumentException if {@code count < 1}
     */
    public LocalJob ranksPerJvm(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("ranks per JVM must be at least 1, not " + count);
        }
        this.ranksPerJvm = count;
        this.transport = Transport.HYBRID;
        return this;
    }

    /** Number of ranks. */
    public int size() {
        return size;
    }

    /**
     * Runs {@code task} on every rank, sharing this application's classes, and waits for the end.
     */
    public <T> JobResult<T> run(RankTask<T> task) throws InterruptedException {
        ClassLoader[] loaders = new ClassLoader[size];
        java.util.Arrays.fill(loaders, contextLoader());
        return new ThreadLauncher<T>(size, wirings(), timeout, abortGrace, settings, true)
            .run(loaders, rank -> task.run());
    }

    /**
     * Runs {@code mainClass}'s {@code main(args)} on every rank, each rank with its own class
     * loader over {@code classpath} (so static fields are per rank), and waits for the end.
     *
     * @throws IllegalArgumentException if the main class or its main method cannot be found
     */
    public JobResult<Void> runMain(Classpath classpath, String mainClass, String... args)
        throws InterruptedException {
        URLClassLoader[] loaders = new URLClassLoader[size];
        Method[] mains = new Method[size];
        try {
            for (int rank = 0; rank < size; rank++) {
                loaders[rank] = new URLClassLoader("mpj-rank-" + rank, classpath.urls(), LocalJob.class.getClassLoader());
                mains[rank] = MainInvoker.find(loaders[rank], mainClass, classpath);
            }
            return new ThreadLauncher<Void>(size, wirings(), timeout, abortGrace, settings, false).run(loaders, rank -> {
                MainInvoker.run(mains[rank], args);
                return null;
            });
        } finally {
            closeAll(loaders);
        }
    }

    /**
     * How each rank of one run finds the others: a fresh job id, secret and directory, and, for
     * the hybrid transport, the rank's block as the ranks it shares a JVM with.
     */
    private IntFunction<JobWiring> wirings() {
        JobWiring job = new JobWiring("local-" + UUID.randomUUID(), DeviceContext.newSecret(), size,
            endpoint -> true, new SharedDirectory(), deviceSettings, transport.devices()::contains);
        if (transport != Transport.HYBRID) {
            return rank -> job;
        }
        return rank -> new JobWiring(job.jobId(), job.secret(), size, new SameBlock(rank, ranksPerJvm),
            job.directory(), deviceSettings, job.allowedDevices());
    }

    private static void closeAll(URLClassLoader[] loaders) {
        for (URLClassLoader loader : loaders) {
            if (loader != null) {
                try {
                    loader.close();
                } catch (IOException e) {
                    // Nothing is left to load; a loader that fails to close leaks only a file handle.
                }
            }
        }
    }

    private static ClassLoader contextLoader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : LocalJob.class.getClassLoader();
    }
}
